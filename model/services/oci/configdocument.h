#pragma once

#include "core/result.h"
#include "layers/layerstack.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace strata {

// An OCI runtime config.json as a document: key order and fields Strata does not know survive
// a read-modify-write, so a hand-edited config comes back as the user wrote it.
class ConfigDocument
{
public:
    // Far above any real config.json.
    static constexpr qint64 MaxSize = 16 * 1024 * 1024;

    // Annotation carrying the layer stack in a Linux config (a JSON array as a string): Linux
    // specs have no layerFolders, yet the editor and the run engine need the stack.
    static inline const QString LayerFoldersAnnotation = QStringLiteral("org.strata.layer-folders");

    enum class Form {
        Windows, // has a "windows" object: the stack is windows.layerFolders
        Linux,   // anything else: the stack is the annotation
    };

    // 1-based; column counts UTF-16 code units (what QTextCursor counts).
    struct Position
    {
        int line = 0;
        int column = 0;
        bool operator==(const Position &) const = default;
    };

    ConfigDocument();
    explicit ConfigDocument(nlohmann::ordered_json json);

    // On a syntax error the message starts "line L, column C:" and *errorAt (if given) holds
    // the position. The top level must be an object.
    static Result<ConfigDocument> parse(const QByteArray &bytes, Position *errorAt = nullptr);
    static Result<ConfigDocument> load(const QString &path, Position *errorAt = nullptr);

    // indent < 0: compact (what goes into Containers.Create). Ends with a newline otherwise.
    QByteArray toJson(int indent = 4) const;
    // Atomic: readers see the old file or the new one, never half of it.
    Status save(const QString &path, int indent = 4) const;

    Form form() const;
    // NotFound when the config names no layers; Corrupt when the field is not an array of strings.
    Result<LayerStack> layerStack() const;
    // Windows form: windows.layerFolders; Linux form: the annotation.
    void setLayerStack(const LayerStack &stack);

    const nlohmann::ordered_json &json() const { return m_json; }
    nlohmann::ordered_json &json() { return m_json; }

private:
    nlohmann::ordered_json m_json;
};

} // namespace strata
