#pragma once

#include "layers/layeredit.h"

#include <QPointer>
#include <QUndoCommand>

namespace strata {

class LayerFoldersModel;

// One LayerEdit on the undo stack: redo applies it, undo applies the inverse the model gave.
class LayerEditCommand : public QUndoCommand
{
public:
    LayerEditCommand(LayerFoldersModel *model, const LayerEdit &edit, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    QPointer<LayerFoldersModel> m_model;
    LayerEdit m_edit;
    LayerEdit m_inverse;
};

} // namespace strata
