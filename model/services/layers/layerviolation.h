#pragma once

#include <QList>
#include <QString>

namespace strata {

// One broken layer rule: what the editor marks, `stratactl validate` prints, and the run
// engine refuses on.
struct LayerViolation
{
    // Stable rule ids (kebab-case): scripts and tests match on them, never on the sentences.
    static inline const QString TooFewLayers = QStringLiteral("too-few-layers");
    static inline const QString ScratchNotLast = QStringLiteral("scratch-not-last");
    static inline const QString UnknownFolder = QStringLiteral("unknown-folder");
    static inline const QString Duplicate = QStringLiteral("duplicate");
    static inline const QString MissingParent = QStringLiteral("missing-parent");
    static inline const QString ForeignLayer = QStringLiteral("foreign-layer");
    static inline const QString WrongOrder = QStringLiteral("wrong-order");
    static inline const QString ActiveAsParent = QStringLiteral("active-as-parent");

    QString rule;
    QList<int> rows;  // 0-based rows of the stack this is about (may be empty)
    QString problem;  // one sentence: what is wrong
    QString fix;      // one sentence: what fixes it

    bool operator==(const LayerViolation &) const = default;
};

} // namespace strata
