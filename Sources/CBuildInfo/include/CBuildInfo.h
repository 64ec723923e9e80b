#ifndef PROCTORING_ASSETS_CBUILDINFO_H
#define PROCTORING_ASSETS_CBUILDINFO_H

/// The commit a packaged binary was built from (`scripts/package` sets it through the
/// PROCTORING_ASSETS_PACKAGE_COMMIT environment variable, read by Package.swift); "" in any other build.
const char *proctoring_assets_package_commit(void);

#endif
