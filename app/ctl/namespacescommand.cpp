#include "namespacescommand.h"

#include "context.h"
#include "texttable.h"

#include "client/namespacesservice.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

namespace {

QJsonObject labelsJson(const QMap<QString, QString> &labels)
{
    QJsonObject o;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace

int NamespacesCommand::run(Context &context, const QCommandLineParser &)
{
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto list = NamespacesService(*client).list();
    if (!list)
        return context.fail(list.error());
    if (context.json()) {
        QJsonArray a;
        for (const auto &n : *list)
            a << QJsonObject{{QStringLiteral("name"), n.name}, {QStringLiteral("labels"), labelsJson(n.labels)}};
        context.printJson(QJsonDocument(a));
        return Context::Ok;
    }
    TextTable table({QStringLiteral("NAME"), QStringLiteral("LABELS")});
    for (const auto &n : *list) {
        QStringList labels;
        for (auto it = n.labels.cbegin(); it != n.labels.cend(); ++it)
            labels << it.key() + QLatin1Char('=') + it.value();
        table.add({n.name, labels.join(QLatin1Char(','))});
    }
    table.print(context.out());
    return Context::Ok;
}

} // namespace strata::ctl
