#include "core/datasize.h"

#include <QLocale>

namespace strata {

QString DataSize::text(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace strata
