#include "layers/snapshotmime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QUrl>

namespace strata {

QByteArray SnapshotMime::encode(const QList<Item> &items)
{
    QJsonArray array;
    for (const Item &item : items) {
        array << QJsonObject{{QStringLiteral("snapshotter"), item.snapshotter},
                             {QStringLiteral("key"), item.key},
                             {QStringLiteral("path"), item.path}};
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Result<QList<SnapshotMime::Item>> SnapshotMime::decode(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{Error::Corrupt, QStringLiteral("%1 data is not JSON: %2").arg(Type, error.errorString())};
    if (!doc.isArray())
        return Error{Error::Corrupt, QStringLiteral("%1 data is not a JSON array").arg(Type)};
    QList<Item> items;
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject o = value.toObject();
        Item item{o.value(QStringLiteral("snapshotter")).toString(), o.value(QStringLiteral("key")).toString(),
                  o.value(QStringLiteral("path")).toString()};
        if (!value.isObject() || (item.key.isEmpty() && item.path.isEmpty()))
            return Error{Error::Corrupt, QStringLiteral("%1 item names neither a key nor a path").arg(Type)};
        items << item;
    }
    return items;
}

QMimeData *SnapshotMime::toMimeData(const QList<Item> &items)
{
    auto *data = new QMimeData;
    data->setData(Type, encode(items));
    QStringList paths;
    for (const Item &item : items) {
        if (!item.path.isEmpty())
            paths << item.path;
    }
    if (!paths.isEmpty())
        data->setText(paths.join(QLatin1Char('\n')));
    return data;
}

QList<SnapshotMime::Item> SnapshotMime::fromMimeData(const QMimeData *data)
{
    if (!data)
        return {};
    if (data->hasFormat(Type)) {
        auto items = decode(data->data(Type));
        return items ? *items : QList<Item>{};
    }
    QList<Item> items;
    if (data->hasUrls()) {
        for (const QUrl &url : data->urls()) {
            if (url.isLocalFile())
                items << Item{{}, {}, url.toLocalFile()};
        }
        if (!items.isEmpty())
            return items;
    }
    if (data->hasText()) {
        const QStringList lines = data->text().split(QLatin1Char('\n'));
        for (QString line : lines) {
            line = line.trimmed();
            if (!line.isEmpty())
                items << Item{{}, {}, line};
        }
    }
    return items;
}

bool SnapshotMime::canDecode(const QMimeData *data)
{
    return data && (data->hasFormat(Type) || data->hasText() || data->hasUrls());
}

} // namespace strata
