#pragma once

#include "testenv.h"

#include "client/client.h"
#include "oci/imageresolver.h"

namespace strata::test {

// A scratch (an Active snapshot, prepared with ctr) on the top layer of
// strata.test/three:latest, under `key`; a leftover of a killed run is replaced, and the
// scratch is removed again when the fixture goes.
class ScratchFixture
{
public:
    explicit ScratchFixture(const QString &key) : m_key(key)
    {
        auto client = Client::create({address(), testNamespace()});
        if (!client) {
            m_error = client.error().message;
            return;
        }
        auto image = ImageResolver(*client).resolve(QStringLiteral("strata.test/three:latest"));
        if (!image) {
            m_error = image.error().message;
            return;
        }
        m_top = image->topChainId();
        ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), m_key});
        const auto prepared = ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), m_key, m_top});
        if (prepared.exitCode != 0)
            m_error = QString::fromUtf8(prepared.err);
    }
    ~ScratchFixture() { ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), m_key}); }
    ScratchFixture(const ScratchFixture &) = delete;
    ScratchFixture &operator=(const ScratchFixture &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString key() const { return m_key; }
    QString top() const { return m_top; } // the image's top chainID, the scratch's parent

private:
    QString m_key;
    QString m_top;
    QString m_error;
};

} // namespace strata::test
