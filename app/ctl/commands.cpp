#include "commands.h"

#include "composecommand.h"
#include "dbcommand.h"
#include "exportcommand.h"
#include "folderscommand.h"
#include "filescommand.h"
#include "imagescommand.h"
#include "importcommand.h"
#include "layerscommand.h"
#include "mountscommand.h"
#include "namespacescommand.h"
#include "runcommand.h"
#include "snapshotscommand.h"
#include "pullcommand.h"
#include "rmicommand.h"
#include "tagcommand.h"
#include "unpackcommand.h"
#include "validatecommand.h"
#include "versioncommand.h"

namespace strata::ctl {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> all;
    all.push_back(std::make_unique<VersionCommand>());
    all.push_back(std::make_unique<NamespacesCommand>());
    all.push_back(std::make_unique<ImagesCommand>());
    all.push_back(std::make_unique<UnpackCommand>());
    all.push_back(std::make_unique<PullCommand>());
    all.push_back(std::make_unique<TagCommand>());
    all.push_back(std::make_unique<RmiCommand>());
    all.push_back(std::make_unique<ImportCommand>());
    all.push_back(std::make_unique<ExportCommand>());
    all.push_back(std::make_unique<SnapshotsCommand>());
    all.push_back(std::make_unique<FoldersCommand>());
    all.push_back(std::make_unique<MountsCommand>());
    all.push_back(std::make_unique<DbCommand>());
    all.push_back(std::make_unique<LayersCommand>());
    all.push_back(std::make_unique<FilesCommand>());
    all.push_back(std::make_unique<ValidateCommand>());
    all.push_back(std::make_unique<ComposeCommand>());
    all.push_back(std::make_unique<RunCommand>());
    return all;
}

} // namespace strata::ctl
