#include "pull/pullprogressmodel.h"

#include "core/datasize.h"

#include <cmath>

namespace strata {

namespace {

using Step = PullEvent::Stage;

const QLatin1String kImage("image");
const QLatin1String kLayer("layer");

// While resolving, the event carries the reference rather than a digest.
QString shortDigest(const QString &digest)
{
    return digest.startsWith(QLatin1String("sha256:")) ? digest.mid(7, 12) : digest;
}

bool isDownload(Step stage)
{
    return stage == Step::Downloading || stage == Step::Verifying;
}

} // namespace

PullProgressModel::PullProgressModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_elapsed.start();
    m_clock = [this] { return m_elapsed.elapsed(); };
}

void PullProgressModel::apply(const PullEvent &event)
{
    const qint64 now = m_clock();
    m_lastMs = now;
    if (event.kind != kImage)
        resolved();
    const int row = rowFor(event);
    if (row < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        Row added;
        update(added, event, now);
        m_rows.append(added);
        endInsertRows();
        return;
    }
    update(m_rows[row], event, now);
    changed(row);
}

int PullProgressModel::rowFor(const PullEvent &event)
{
    // A digest twice in one manifest is two layers: two rows, though downloaded once.
    for (int i = 0; i < m_rows.size(); ++i) {
        const PullEvent &e = m_rows.at(i).event;
        if (e.kind == event.kind && e.digest == event.digest && e.layer == event.layer)
            return i;
    }
    return -1;
}

void PullProgressModel::update(Row &row, const PullEvent &event, qint64 now)
{
    if (isDownload(event.stage)) {
        // A first offset past 0 is what an earlier pull left in the store: only what is added counts.
        if (row.startMs < 0) {
            row.startMs = now;
            row.startOffset = event.offset;
        }
        row.downloaded = event.offset - row.startOffset;
        // Nothing added (a blob an earlier pull left whole in the store) is no rate.
        if (now > row.startMs && row.downloaded > 0)
            row.rate = double(row.downloaded) * 1000.0 / double(now - row.startMs);
    }
    if (event.stage == Step::Downloading && m_firstDownloadMs < 0)
        m_firstDownloadMs = now;
    row.event = event;
    if (row.state == RowState::Active && isFinal(event))
        row.state = RowState::Done;
}

bool PullProgressModel::isFinal(const PullEvent &event) const
{
    // Layers of the chosen manifest (layer >= 0) are unpacked after download. The puller's
    // "already present" means the blob when it comes from a download (no chainId) and the
    // snapshot when it comes from the unpacker (with the chainId).
    const bool unpackFollows = m_unpacking && event.kind == kLayer && event.layer >= 0;
    switch (event.stage) {
    case Step::Unpacked: return true;
    case Step::AlreadyPresent: return !unpackFollows || !event.chainId.isEmpty();
    case Step::Stored: return !unpackFollows;
    default: return false;
    }
}

void PullProgressModel::resolved()
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.event.kind == kImage && row.state == RowState::Active) {
            row.state = RowState::Done;
            changed(i);
        }
    }
}

void PullProgressModel::finish(RowState state)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.state == RowState::Active) {
            row.state = state;
            changed(i);
        }
    }
}

void PullProgressModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_firstDownloadMs = -1;
    m_lastMs = 0;
    endResetModel();
}

void PullProgressModel::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

qint64 PullProgressModel::doneBytes(const Row &row)
{
    if (row.state == RowState::Done && row.event.kind != kImage)
        return std::max<qint64>(row.event.total, row.event.offset);
    switch (row.event.stage) {
    case Step::Resolving:
    case Step::Waiting: return 0;
    case Step::Downloading: return row.event.offset;
    default: return std::max<qint64>(row.event.total, row.event.offset);
    }
}

qint64 PullProgressModel::bytesDone() const
{
    qint64 sum = 0;
    for (const Row &row : m_rows) {
        if (row.event.kind != kImage)
            sum += doneBytes(row);
    }
    return sum;
}

qint64 PullProgressModel::bytesTotal() const
{
    qint64 sum = 0;
    for (const Row &row : m_rows) {
        if (row.event.kind != kImage)
            sum += std::max<qint64>(row.event.total, 0);
    }
    return sum;
}

double PullProgressModel::rate() const
{
    if (m_firstDownloadMs < 0)
        return 0;
    qint64 downloaded = 0;
    for (const Row &row : m_rows)
        downloaded += row.downloaded;
    // Until the last event, so that a finished pull keeps its rate.
    const qint64 ms = m_lastMs - m_firstDownloadMs;
    return ms > 0 ? double(downloaded) * 1000.0 / double(ms) : 0;
}

qint64 PullProgressModel::secondsLeft() const
{
    const double r = rate();
    qint64 left = 0;
    bool any = false;
    for (const Row &row : m_rows) {
        if (row.state == RowState::Active && row.event.stage == Step::Downloading && row.event.total > 0) {
            left += row.event.total - row.event.offset;
            any = true;
        }
    }
    if (!any || r <= 0)
        return -1;
    return qint64(std::ceil(double(left) / r));
}

qint64 PullProgressModel::secondsLeft(const Row &row) const
{
    if (row.state != RowState::Active || row.event.stage != Step::Downloading || row.rate <= 0 || row.event.total <= 0)
        return -1;
    return qint64(std::ceil(double(row.event.total - row.event.offset) / row.rate));
}

int PullProgressModel::doneRows() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.state == RowState::Done; }));
}

int PullProgressModel::percent(const Row &row)
{
    if (row.state == RowState::Done)
        return 100;
    switch (row.event.stage) {
    case Step::Resolving: return -1;
    case Step::Waiting: return 0;
    case Step::Downloading:
        return row.event.total > 0 ? int(std::clamp<qint64>(row.event.offset * 100 / row.event.total, 0, 100)) : -1;
    default: return 100;
    }
}

QString PullProgressModel::stageText(const Row &row) const
{
    switch (row.state) {
    case RowState::Cancelled: return tr("cancelled");
    case RowState::Failed: return tr("failed");
    case RowState::Done:
        if (row.event.stage == Step::Resolving)
            return tr("resolved");
        break;
    case RowState::Active: break;
    }
    return PullEvent::stageName(row.event.stage);
}

QString PullProgressModel::durationText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QVariant PullProgressModel::display(const Row &row, int column) const
{
    const PullEvent &e = row.event;
    switch (column) {
    case What:
        return e.kind == kLayer && e.layer >= 0 ? tr("layer %1").arg(e.layer + 1) : e.kind;
    case Digest: return shortDigest(e.digest);
    case Stage: return stageText(row);
    case Progress:
        if (e.kind == kImage)
            return QString();
        if (isDownload(e.stage) && row.state == RowState::Active)
            return e.total > 0 ? tr("%1 of %2").arg(DataSize::text(e.offset), DataSize::text(e.total)) : DataSize::text(e.offset);
        return e.total > 0 ? DataSize::text(e.total) : QString();
    case Rate: return row.rate >= 0 ? tr("%1/s").arg(DataSize::text(qint64(row.rate))) : QString();
    case TimeLeft: {
        const qint64 left = secondsLeft(row);
        return left >= 0 ? durationText(left) : QString();
    }
    default: return {};
    }
}

QVariant PullProgressModel::roleData(const Row &row, int role) const
{
    switch (role) {
    case PercentRole: return percent(row);
    case StageRole: return int(row.event.stage);
    case StateRole: return int(row.state);
    case KindRole: return row.event.kind;
    case DigestRole: return row.event.digest;
    case LayerRole: return row.event.layer;
    case BytesDoneRole: return doneBytes(row);
    case BytesTotalRole: return row.event.total;
    case RateRole: return row.rate >= 0 ? QVariant(row.rate) : QVariant();
    case SecondsLeftRole: {
        const qint64 left = secondsLeft(row);
        return left >= 0 ? QVariant(left) : QVariant();
    }
    default: return {};
    }
}

int PullProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PullProgressModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PullProgressModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return display(row, index.column());
    if (role == Qt::ToolTipRole && index.column() == Digest)
        return row.event.digest;
    if (role == Qt::TextAlignmentRole && (index.column() == Rate || index.column() == TimeLeft))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return roleData(row, role);
}

QVariant PullProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case What: return tr("What");
    case Digest: return tr("Digest");
    case Stage: return tr("Stage");
    case Progress: return tr("Progress");
    case Rate: return tr("Rate");
    case TimeLeft: return tr("Time left");
    default: return {};
    }
}

} // namespace strata
