#include "editor/layereditcommand.h"

#include "layers/layerfoldersmodel.h"

namespace strata {

LayerEditCommand::LayerEditCommand(LayerFoldersModel *model, const LayerEdit &edit, QUndoCommand *parent)
    : QUndoCommand(edit.text, parent)
    , m_model(model)
    , m_edit(edit)
{
}

void LayerEditCommand::redo()
{
    if (m_model)
        m_inverse = m_model->apply(m_edit);
}

void LayerEditCommand::undo()
{
    // The model's own inverse, not a recomputation: applying it is exact even after clamping.
    if (m_model)
        m_edit = m_model->apply(m_inverse);
}

} // namespace strata
