#include "oci/configdocument.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

// nlohmann reports the 1-based index of the byte it stopped at (size + 1 at end of input).
ConfigDocument::Position positionOf(const QByteArray &bytes, std::size_t byteIndex)
{
    const qsizetype offset = std::clamp<qsizetype>(qsizetype(byteIndex) - 1, 0, bytes.size());
    const qsizetype lineStart = bytes.lastIndexOf('\n', offset - 1) + 1;
    return ConfigDocument::Position{
        int(bytes.left(offset).count('\n')) + 1,
        int(QString::fromUtf8(bytes.mid(lineStart, offset - lineStart)).size()) + 1,
    };
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>" -> "<reason>"
QString parseReason(const char *what)
{
    const QString text = QString::fromUtf8(what);
    const qsizetype colon = text.indexOf(QLatin1String(": "));
    return colon < 0 ? text : text.mid(colon + 2);
}

Result<QStringList> stringArray(const Json &value, const QString &what)
{
    if (!value.is_array())
        return Error{Error::Corrupt, QStringLiteral("%1 is not an array").arg(what)};
    QStringList out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string())
            return Error{Error::Corrupt, QStringLiteral("%1[%2] is not a string").arg(what).arg(i)};
        out << QString::fromStdString(value[i].get<std::string>());
    }
    return out;
}

Json toArray(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &s : list)
        array.push_back(s.toStdString());
    return array;
}

} // namespace

ConfigDocument::ConfigDocument() : m_json(Json::object()) {}

ConfigDocument::ConfigDocument(nlohmann::ordered_json json) : m_json(std::move(json)) {}

Result<ConfigDocument> ConfigDocument::parse(const QByteArray &bytes, Position *errorAt)
{
    Json json;
    try {
        json = Json::parse(bytes.cbegin(), bytes.cend());
    } catch (const Json::parse_error &e) {
        const Position at = positionOf(bytes, e.byte);
        if (errorAt)
            *errorAt = at;
        return Error{Error::Corrupt, QStringLiteral("line %1, column %2: %3").arg(at.line).arg(at.column).arg(parseReason(e.what()))};
    }
    if (!json.is_object()) {
        if (errorAt)
            *errorAt = Position{1, 1};
        return Error{Error::Corrupt, QStringLiteral("line 1, column 1: a config.json is a JSON object")};
    }
    // The objects Strata reads into: checked once here, so that no later access throws.
    for (const char *field : {"windows", "annotations"}) {
        const auto it = json.find(field);
        if (it != json.end() && !it->is_object())
            return Error{Error::Corrupt, QStringLiteral("\"%1\" must be an object, not %2")
                                             .arg(QLatin1String(field), QLatin1String(it->type_name()))};
    }
    return ConfigDocument(std::move(json));
}

Result<ConfigDocument> ConfigDocument::load(const QString &path, Position *errorAt)
{
    // A FIFO or a device would be read forever; a real config.json is a few KiB.
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Error{Error::InvalidArgument, QStringLiteral("%1: not a regular file").arg(path)};
    if (info.size() > MaxSize)
        return Error{Error::InvalidArgument, QStringLiteral("%1: %2 bytes is too big for a config.json").arg(path).arg(info.size())};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, file.errorString())};
    auto doc = parse(file.read(MaxSize), errorAt);
    if (!doc)
        return Error{doc.error().code, QStringLiteral("%1: %2").arg(path, doc.error().message)};
    return doc;
}

QByteArray ConfigDocument::toJson(int indent) const
{
    QByteArray out = QByteArray::fromStdString(m_json.dump(indent));
    if (indent >= 0)
        out.append('\n');
    return out;
}

Status ConfigDocument::save(const QString &path, int indent) const
{
    // The atomic rename would put a file in place of a FIFO, a device or a directory entry
    // the user never meant as a config (stratactl compose --output /dev/stdout, say).
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Error{Error::InvalidArgument, QStringLiteral("%1: not a regular file; name a file to write the config to").arg(path)};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, file.errorString())};
    const QByteArray bytes = toJson(indent);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, file.errorString())};
    return success();
}

ConfigDocument::Form ConfigDocument::form() const
{
    const auto it = m_json.find("windows");
    return it != m_json.end() && it->is_object() ? Form::Windows : Form::Linux;
}

Result<LayerStack> ConfigDocument::layerStack() const
{
    if (form() == Form::Windows && m_json["windows"].contains("layerFolders")) {
        auto folders = stringArray(m_json["windows"]["layerFolders"], QStringLiteral("windows.layerFolders"));
        if (!folders)
            return folders.error();
        return LayerStack::fromFolders(*folders);
    }
    const std::string key = LayerFoldersAnnotation.toStdString();
    const auto annotations = m_json.find("annotations");
    if (annotations == m_json.end() || !annotations->is_object() || !annotations->contains(key))
        return Error{Error::NotFound, QStringLiteral("the config has neither windows.layerFolders nor the %1 annotation").arg(LayerFoldersAnnotation)};
    const Json &value = (*annotations)[key];
    const QString what = QStringLiteral("annotation %1").arg(LayerFoldersAnnotation);
    if (!value.is_string())
        return Error{Error::Corrupt, QStringLiteral("%1 is not a string").arg(what)};
    const Json array = Json::parse(value.get<std::string>(), nullptr, false);
    if (array.is_discarded())
        return Error{Error::Corrupt, QStringLiteral("%1 is not valid JSON").arg(what)};
    auto folders = stringArray(array, what);
    if (!folders)
        return folders.error();
    return LayerStack::fromFolders(*folders);
}

void ConfigDocument::setLayerStack(const LayerStack &stack)
{
    const Json array = toArray(stack.folders());
    if (form() == Form::Windows) {
        m_json["windows"]["layerFolders"] = array;
        return;
    }
    if (!m_json.contains("annotations") || !m_json["annotations"].is_object())
        m_json["annotations"] = Json::object();
    m_json["annotations"][LayerFoldersAnnotation.toStdString()] = array.dump();
}

} // namespace strata
