#include "snapshots/mountparser.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace strata {

namespace {

using Folder = MountLayout::Folder;
using Own = MountLayout::Own;

Error corrupt(const QString &message) { return Error{Error::Corrupt, message}; }

std::optional<QString> optionValue(const Mount &m, const QString &prefix)
{
    for (const QString &o : m.options) {
        if (o.startsWith(prefix))
            return o.mid(prefix.size());
    }
    return std::nullopt;
}

Result<QList<Folder>> foldersOf(const QStringList &paths)
{
    QList<Folder> out;
    for (const QString &p : paths) {
        auto f = MountParser::folderOf(p);
        if (!f)
            return f.error();
        out.append(*f);
    }
    return out;
}

// Windows options carry path lists as JSON; Go marshals an empty nil slice as `null`, which
// containerd 1.6 emits for parentless snapshots and which matters to the reading below.
Result<std::optional<QStringList>> jsonPathList(const QString &text, const QString &what)
{
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (j.is_null())
        return std::optional<QStringList>{};
    if (!j.is_array())
        return corrupt(QStringLiteral("%1 is not a JSON list of paths: %2").arg(what, text));
    QStringList out;
    for (const auto &e : j) {
        if (!e.is_string())
            return corrupt(QStringLiteral("%1 holds a non-string entry: %2").arg(what, text));
        out.append(QString::fromStdString(e.get<std::string>()));
    }
    return std::optional<QStringList>{out};
}

Result<MountLayout> parseOverlay(const Mount &m, MountLayout layout)
{
    const auto upper = optionValue(m, QStringLiteral("upperdir="));
    const auto work = optionValue(m, QStringLiteral("workdir="));
    const auto lower = optionValue(m, QStringLiteral("lowerdir="));
    if (!lower)
        return corrupt(QStringLiteral("overlay mount without lowerdir"));
    auto parents = foldersOf(lower->split(QLatin1Char(':'), Qt::SkipEmptyParts));
    if (!parents)
        return parents.error();
    if (upper) {
        auto own = MountParser::folderOf(*upper);
        if (!own)
            return own.error();
        if (work) {
            auto w = MountParser::folderOf(*work);
            if (!w)
                return w.error();
            if (w->id != own->id)
                return corrupt(QStringLiteral("overlay upperdir (folder %1) and workdir (folder %2) differ")
                                   .arg(own->id, w->id));
        }
        layout.own = Own::Present;
        layout.folders.append(*own);
    } else {
        // containerd's overlay View on two or more parents mounts only the parents.
        layout.readOnly = true;
        layout.own = Own::Absent;
        layout.note = QStringLiteral("This read-only overlay names only the parent layers; the snapshot's own "
                                     "folder is not part of its mounts.");
    }
    layout.folders.append(*parents);
    return layout;
}

// overlayfs binds "<N>/fs" and lists no parents because it has none then; native binds "<N>"
// and never lists parents because it copies them. Both bind the nearest parent for a View
// with a parent, and the snapshot itself otherwise.
Result<MountLayout> parseBind(const Mount &m, const MountParser::Hint &hint, MountLayout layout)
{
    auto src = MountParser::folderOf(m.source);
    if (!src)
        return src.error();
    const bool overlayStyle = QRegularExpression(QStringLiteral("[/\\\\]fs[/\\\\]?$")).match(m.source).hasMatch();
    layout.folders = {*src};
    const bool view = layout.readOnly || hint.kind == SnapshotKind::View;
    if (!view || hint.parentCount == 0) {
        layout.own = Own::Present;
        layout.parentsListed = overlayStyle || hint.parentCount == 0;
    } else if (hint.parentCount > 0) {
        layout.own = Own::Absent;
        layout.parentsListed = hint.parentCount == 1;
        layout.note = QStringLiteral("This read-only bind mount is the parent's folder; the view's own folder is "
                                     "not part of its mounts.");
    } else {
        layout.own = Own::Unknown;
        layout.parentsListed = false;
        layout.note = QStringLiteral("A read-only bind mount is the snapshot's own folder when it has no parent "
                                     "and its parent's folder when it has one; the parent is not known here.");
    }
    if (!layout.parentsListed && layout.note.isEmpty())
        layout.note = QStringLiteral("This snapshotter copies parent layers, so its mounts do not name them.");
    return layout;
}

// containerd 1.6 mounts a Windows View with parents from its nearest parent's folder, with the
// remaining parents in parentLayerPaths; 2.x mounts the View's own folder with all parents.
Result<MountLayout> parseWindows(const Mount &m, const MountParser::Hint &hint, MountLayout layout)
{
    auto src = MountParser::folderOf(m.source);
    if (!src)
        return src.error();
    std::optional<QStringList> listed;
    if (auto opt = optionValue(m, QStringLiteral("parentLayerPaths="))) {
        auto l = jsonPathList(*opt, QStringLiteral("parentLayerPaths"));
        if (!l)
            return l.error();
        listed = *l;
    } else if (auto cims = optionValue(m, QStringLiteral("parentCimPaths="))) {
        // Best effort: CimFS names parent layers "<cimdir>/<id>.cim"; their folders sit
        // beside this snapshot's.
        auto l = jsonPathList(*cims, QStringLiteral("parentCimPaths"));
        if (!l)
            return l.error();
        if (*l) {
            const QString base = src->path.left(src->path.size() - src->id.size());
            static const QRegularExpression cimName(QStringLiteral("[/\\\\]?(\\d+)\\.cim$"));
            QStringList paths;
            for (const QString &cim : **l) {
                const auto match = cimName.match(cim);
                if (!match.hasMatch())
                    return corrupt(QStringLiteral("parent CIM %1 is not named after a snapshot folder").arg(cim));
                paths.append(base + match.captured(1));
            }
            listed = paths;
        }
    }
    auto parents = foldersOf(listed.value_or(QStringList{}));
    if (!parents)
        return parents.error();

    layout.folders = {*src};
    layout.folders.append(*parents);
    const qsizetype n = parents->size();
    const bool view = layout.readOnly || hint.kind == SnapshotKind::View;
    if (!view) {
        layout.own = Own::Present;
    } else if (!listed.has_value()) {
        // No option: 2.x without parents, or 1.6's `null` (Go's nil slice): no parents at all.
        layout.own = Own::Present;
    } else if (n == 0) {
        // An empty, non-null list only comes from 1.6 slicing off the nearest parent.
        layout.own = Own::Absent;
    } else if (hint.parentCount == n) {
        layout.own = Own::Present;
    } else if (hint.parentCount == n + 1) {
        layout.own = Own::Absent;
    } else if (hint.parentCount >= 0) {
        return Error{Error::InvalidArgument,
                     QStringLiteral("the mounts name %1 folders, which does not fit a snapshot with %2 parents")
                         .arg(n + 1).arg(hint.parentCount)};
    } else {
        layout.own = Own::Unknown;
        layout.note = QStringLiteral("A read-only Windows layer mount starts at the view's own folder "
                                     "(containerd 2.x) or at its nearest parent (1.6); the parent count "
                                     "settles which.");
    }
    if (layout.own == Own::Absent)
        layout.note = QStringLiteral("This read-only layer mount starts at the parent's folder (containerd 1.6); "
                                     "the view's own folder is not part of its mounts.");
    return layout;
}

QString caseInsensitiveKey(const nlohmann::json &object, const char *key)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (QString::fromStdString(it.key()).compare(QLatin1String(key), Qt::CaseInsensitive) == 0)
            return QString::fromStdString(it.key());
    }
    return {};
}

Result<QString> stringField(const nlohmann::json &object, const char *key, int index)
{
    const QString k = caseInsensitiveKey(object, key);
    if (k.isEmpty())
        return QString();
    const auto &v = object[k.toStdString()];
    if (v.is_null())
        return QString();
    if (!v.is_string())
        return corrupt(QStringLiteral("mount %1: %2 is not a string").arg(index).arg(QLatin1String(key)));
    return QString::fromStdString(v.get<std::string>());
}

} // namespace

Result<MountLayout::Folder> MountParser::folderOf(const QString &path)
{
    static const QRegularExpression re(
        QStringLiteral("^(.*[/\\\\]snapshots[/\\\\](\\d+))(?:[/\\\\](?:fs|work))?[/\\\\]?$"));
    const auto match = re.match(path);
    if (!match.hasMatch())
        return corrupt(QStringLiteral("%1 is not inside a numbered snapshot folder (.../snapshots/<number>)")
                           .arg(path));
    return Folder{match.captured(2), match.captured(1)};
}

Result<MountLayout> MountParser::parse(const QList<Mount> &mounts)
{
    return parse(mounts, Hint{});
}

Result<MountLayout> MountParser::parse(const QList<Mount> &mounts, const Hint &hint)
{
    if (mounts.isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("the snapshot has no mounts")};
    if (mounts.size() > 1)
        return Error{Error::Unimplemented,
                     QStringLiteral("the snapshotter returned %1 mounts; Strata reads single-mount snapshotters")
                         .arg(mounts.size())};
    const Mount &m = mounts.first();
    MountLayout layout;
    layout.type = m.type;
    layout.readOnly = m.options.contains(QStringLiteral("ro"));

    const QString type = m.type.toLower();
    if (type == QLatin1String("overlay") || type.endsWith(QLatin1String("overlayfs")))
        return parseOverlay(m, layout);
    if (type == QLatin1String("bind") || type == QLatin1String("rbind"))
        return parseBind(m, hint, layout);
    if (type == QLatin1String("windows-layer") || type == QLatin1String("cimfs"))
        return parseWindows(m, hint, layout);
    return Error{Error::Unimplemented,
                 QStringLiteral("mount type \"%1\" does not name numbered snapshot folders").arg(m.type)};
}

Result<QList<Mount>> MountParser::fromCtrJson(const QByteArray &json)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded())
        return corrupt(QStringLiteral("the mounts are not valid JSON"));
    if (doc.is_null())
        return QList<Mount>{};
    if (!doc.is_array())
        return corrupt(QStringLiteral("the mounts JSON is not a list"));
    QList<Mount> out;
    int index = 0;
    for (const auto &entry : doc) {
        if (!entry.is_object())
            return corrupt(QStringLiteral("mount %1 is not an object").arg(index));
        Mount m;
        for (auto [field, key] : {std::pair{&m.type, "Type"}, {&m.source, "Source"}, {&m.target, "Target"}}) {
            auto v = stringField(entry, key, index);
            if (!v)
                return v.error();
            *field = *v;
        }
        const QString optionsKey = caseInsensitiveKey(entry, "Options");
        if (!optionsKey.isEmpty()) {
            const auto &options = entry[optionsKey.toStdString()];
            if (!options.is_null() && !options.is_array())
                return corrupt(QStringLiteral("mount %1: Options is not a list").arg(index));
            for (const auto &o : options) {
                if (!o.is_string())
                    return corrupt(QStringLiteral("mount %1: an option is not a string").arg(index));
                m.options.append(QString::fromStdString(o.get<std::string>()));
            }
        }
        out.append(m);
        ++index;
    }
    return out;
}

QByteArray MountParser::toCtrJson(const QList<Mount> &mounts)
{
    auto doc = nlohmann::ordered_json::array();
    for (const Mount &m : mounts) {
        nlohmann::ordered_json entry;
        entry["Type"] = m.type.toStdString();
        entry["Source"] = m.source.toStdString();
        entry["Target"] = m.target.toStdString();
        if (m.options.isEmpty()) {
            entry["Options"] = nullptr;
        } else {
            auto options = nlohmann::ordered_json::array();
            for (const QString &o : m.options)
                options.push_back(o.toStdString());
            entry["Options"] = options;
        }
        doc.push_back(entry);
    }
    // Outside strings JSON has no <, > or &, so escaping them everywhere is escaping them in strings.
    QByteArray out = QByteArray::fromStdString(doc.dump(4));
    out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    out.replace("\xe2\x80\xa8", "\\u2028").replace("\xe2\x80\xa9", "\\u2029");
    out.append('\n');
    return out;
}

} // namespace strata
