#pragma once

#include "pull/pullevent.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>

#include <functional>

namespace strata {

// A pull's progress as a table for the Pull dialog: one row per blob (the reference being
// resolved, index, manifests, layers) in the order the puller first mentions them, each with
// its stage, bytes, a percent for a bar, and while downloading its rate and time left. Fed
// PullEvents on the model's thread; knows nothing of widgets.
class PullProgressModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { What, Digest, Stage, Progress, Rate, TimeLeft, ColumnCount };
    // Where a row stands. Only finish() makes rows Cancelled or Failed.
    enum class RowState { Active, Done, Cancelled, Failed };
    Q_ENUM(RowState)
    enum Role {
        PercentRole = Qt::UserRole + 1, // int 0..100; -1 while the size is unknown (a busy bar)
        StageRole,                      // int: the last PullEvent::Stage
        StateRole,                      // int: RowState
        KindRole,                       // "image", "index", "manifest", "config", "layer"
        DigestRole,                     // the whole digest (the reference while resolving)
        LayerRole,                      // 0-based layer of the chosen manifest, or -1
        BytesDoneRole,                  // qint64
        BytesTotalRole,                 // qint64
        RateRole,                       // double bytes per second; invalid before it is known
        SecondsLeftRole,                // qint64; invalid when unknown or not downloading
    };
    // How the rates are timed: milliseconds from any fixed point. Tests pass their own.
    using Clock = std::function<qint64()>;

    explicit PullProgressModel(QObject *parent = nullptr);

    // Whether layers are unpacked after download: then a stored layer is not done yet.
    void setUnpacking(bool unpacking) { m_unpacking = unpacking; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    void apply(const PullEvent &event);
    // The pull ended: with `state` Done every row is done; with Cancelled or Failed the rows
    // still active take that state.
    void finish(RowState state);
    // Empty again, for another pull.
    void clear();

    // For all blobs but the resolving row: what is in the store, of how much.
    qint64 bytesDone() const;
    qint64 bytesTotal() const;
    // Bytes downloaded per second since the first download started; 0 before.
    double rate() const;
    // Seconds until the downloads still running end at rate(); -1 when unknown.
    qint64 secondsLeft() const;
    int doneRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "3 s", "2 min 5 s", "1 h 4 min".
    static QString durationText(qint64 seconds);

private:
    struct Row
    {
        PullEvent event;
        RowState state = RowState::Active;
        qint64 startMs = -1;    // the first download event's time
        qint64 startOffset = 0; // and offset: a resumed download counts only what it adds
        qint64 downloaded = 0;  // since then; the event's offset goes back to 0 while unpacking
        double rate = -1;       // bytes per second, -1 unknown
    };

    int rowFor(const PullEvent &event);
    void update(Row &row, const PullEvent &event, qint64 now);
    bool isFinal(const PullEvent &event) const;
    QString stageText(const Row &row) const;
    QVariant display(const Row &row, int column) const;
    QVariant roleData(const Row &row, int role) const;
    static int percent(const Row &row);
    static qint64 doneBytes(const Row &row);
    qint64 secondsLeft(const Row &row) const;
    void resolved();
    void changed(int row);

    QList<Row> m_rows;
    Clock m_clock;
    QElapsedTimer m_elapsed;
    qint64 m_firstDownloadMs = -1;
    qint64 m_lastMs = 0;
    bool m_unpacking = true;
};

} // namespace strata
