#include "snapshots/temporaryview.h"

#include <QUuid>

#include <algorithm>

namespace strata {

namespace {

const QString kPrefix = QStringLiteral("strata-view-");

} // namespace

QString TemporaryView::newKey()
{
    return kPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool TemporaryView::isTemporary(const QString &key)
{
    return key.startsWith(kPrefix);
}

std::chrono::seconds TemporaryView::leaseExpiry(qsizetype count)
{
    // A View and its Remove take a few milliseconds; 50 ms each leaves a wide margin.
    using namespace std::chrono;
    return std::max(seconds(60), duration_cast<seconds>(milliseconds(50) * count));
}

} // namespace strata
