#pragma once

#include "atlas/atlasimage.h"
#include "atlas/atlasnode.h"
#include "atlas/atlassnapshot.h"

#include <QStringList>
#include <QCoreApplication>
#include <QVariant>

#include <optional>

namespace strata {

// What each cell of the atlas shows, for every role: kept apart from AtlasModel so the model
// is only about structure.
class AtlasCells
{
    Q_DECLARE_TR_FUNCTIONS(AtlasCells)
public:
    // Everything one row's cells are made of; pointers may be null (a layer not unpacked).
    struct Row
    {
        const AtlasNode *node = nullptr;
        const AtlasSnapshot *snapshot = nullptr;
        const AtlasImage *image = nullptr;
        QStringList usedBy;
        QString snapshotter;
        int count = 0; // branch: rows below; layer: layers of its image
        std::optional<qint64> imageSize;
    };

    static QVariant data(const Row &row, int column, int role);
    static QVariant header(int section, int role);

private:
    static QVariant display(const Row &row, int column);
    static QVariant sortValue(const Row &row, int column);
    static QVariant toolTip(const Row &row, int column);
};

} // namespace strata
