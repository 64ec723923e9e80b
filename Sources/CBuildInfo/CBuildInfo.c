// Swift compile conditions carry no values; a C macro does, so the commit of a packaged build enters
// through this one file (Package.swift defines PROCTORING_ASSETS_PACKAGE_COMMIT for this target only, so
// packaging another commit recompiles nothing else).
#include "CBuildInfo.h"

#ifndef PROCTORING_ASSETS_PACKAGE_COMMIT
#define PROCTORING_ASSETS_PACKAGE_COMMIT ""
#endif

const char *proctoring_assets_package_commit(void) {
    return PROCTORING_ASSETS_PACKAGE_COMMIT;
}
