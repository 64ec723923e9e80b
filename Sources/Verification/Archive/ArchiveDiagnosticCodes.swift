import Diagnostics

// Codes PA300–PA329: reading the input of `verify` (folders, .tar/.tar.gz archives) and finding the
// deployment layout inside it.
extension DiagnosticCode {
    public static let inputPathNotFound = DiagnosticCode(
        "PA300", "Input path does not exist", inputError: true,
        explanation: """
            The path given to `verify` names nothing on disk. Give a static root folder, an image root folder \
            (the folder holding ENV_ROOT) or a .tar.gz/.tgz/.tar archive of either.
            """)
    public static let inputPathUnreadable = DiagnosticCode(
        "PA301", "Input path cannot be read", inputError: true,
        explanation: """
            The input exists but could not be opened or read (permission denied, an I/O error, or a special \
            file). Nothing was verified. Fix the permissions or copy the input somewhere readable.
            """)
    public static let inputNotAnArchive = DiagnosticCode(
        "PA302", "Input is neither a folder, a gzip file nor a tar archive", inputError: true,
        explanation: """
            `verify` reads folders, gzip-compressed tar archives and plain tar archives. The file given starts \
            with neither the gzip magic bytes nor a valid tar header (it may be a text file, a zip, or junk). \
            Pass the folder itself or create the archive with `tar czf`.
            """)
    public static let corruptGzip = DiagnosticCode(
        "PA303", "Corrupt gzip data", inputError: true,
        explanation: """
            zlib rejected the compressed data (bad header, invalid deflate block or CRC mismatch). The archive \
            was damaged in transfer or is not really gzip. `tar` would stop with an error too; recreate or \
            re-download the archive.
            """)
    public static let archiveExpansionLimit = DiagnosticCode(
        "PA318", "Compressed archive expands beyond a limit", inputError: true,
        explanation: """
            The gzip stream of the archive expands to more than the total limit (32 GiB by default) or far more \
            than real images do per compressed byte (200 times by default, checked after the first 64 MiB): a \
            decompression bomb, which would take minutes and fill the disk with --extract-to. Reading stops at \
            once and nothing is extracted. For a real image that is larger or compresses better, raise the limits \
            with --max-expanded-size and --max-compression-ratio.
            """)

    public static let truncatedGzip = DiagnosticCode(
        "PA304", "Truncated gzip stream", inputError: true,
        explanation: """
            The file ends in the middle of a gzip member, so the end of the archive is missing. This usually \
            means an interrupted download or copy, or a disk that filled up while the archive was written. \
            Recreate the archive.
            """)
    public static let tarChecksumMismatch = DiagnosticCode(
        "PA305", "Tar header checksum mismatch", inputError: true,
        explanation: """
            A 512-byte tar header does not match its own checksum, so its fields (name, size, type) cannot be \
            trusted and nothing after it can be located. The archive is corrupt or not a tar archive. \
            Recreate it.
            """)
    public static let truncatedTar = DiagnosticCode(
        "PA306", "Truncated tar archive", inputError: true,
        explanation: """
            The tar data ends inside a header or an entry's contents, or without the end-of-archive blocks that \
            every tar writer appends. Entries after the cut are missing, so a verification would be incomplete. \
            Recreate the archive and check that the copy finished.
            """)
    public static let malformedTarHeader = DiagnosticCode(
        "PA307", "Malformed tar header", inputError: true,
        explanation: """
            A tar header has a checksum that matches but fields that cannot be read: a size that is not an \
            octal or base-256 number, an empty name, a pax extended header record that is not `LEN key=value`, \
            or a long-name entry larger than 1 MiB. Recreate the archive with GNU tar, bsdtar or Python's tarfile.
            """)
    public static let unsafeArchiveEntry = DiagnosticCode(
        "PA308", "Archive entry with an absolute name or `..` component", inputError: true,
        explanation: """
            An entry's name starts with `/` or contains a `..` component, so extracting it would write outside \
            the destination folder (the "tar slip" attack). Such entries are never read, written or followed; \
            they are left out of the verification. An archive of a build output never needs them: recreate it \
            from inside the folder (`tar czf out.tgz -C /openedx staticfiles`).
            """)
    public static let archiveLinkNotFollowed = DiagnosticCode(
        "PA309", "Symbolic link escapes the archive or loops", severity: .warning,
        explanation: """
            A symbolic link in the archive points above the archive's root (through `..`) or forms a cycle. \
            Links are only ever resolved inside the archive, never on the host, so this link is recorded but \
            resolves to nothing; a file reached through it counts as missing. Absolute link targets are resolved \
            against the archive's root, as they would be inside the image.
            """)
    public static let archiveHardLinkTargetMissing = DiagnosticCode(
        "PA310", "Hard link to an entry that is not in the archive", severity: .warning,
        explanation: """
            A hard-link entry names a target that does not appear earlier in the archive (or was left out as \
            unsafe). `tar` would fail to create it too. The link is left out; recreate the archive without \
            `--hard-dereference` problems or with the target included.
            """)
    public static let archiveSpecialFileIgnored = DiagnosticCode(
        "PA311", "Device file or FIFO in the archive ignored", severity: .note,
        explanation: """
            Character and block devices and FIFOs carry no contents a build output could need; they are \
            recorded as ignored and never created. This is normal in a whole-image export (`/dev`).
            """)
    public static let archiveEntryConflict = DiagnosticCode(
        "PA312", "Archive entry conflicts with an earlier one", severity: .warning,
        explanation: """
            An entry would place a file inside something that is not a directory: under an earlier file, or \
            under an earlier symbolic link (writing through a link is how archives escape their destination). \
            The later entry is left out. Recreate the archive from a clean folder.
            """)
    public static let archiveFileNotRetained = DiagnosticCode(
        "PA313", "Large archive file not kept in memory", severity: .note,
        explanation: """
            The file is larger than the per-file limit, or the archive's retained contents reached the total \
            limit, so only its size and SHA-384 were recorded while streaming. Rules that need its contents \
            report it; pass `--extract-to DIR` to read it from disk instead, or raise the limits.
            """)
    public static let extractionDirectoryNotEmpty = DiagnosticCode(
        "PA314", "Extraction directory is not empty", inputError: true,
        explanation: """
            `--extract-to DIR` only writes into a missing or empty folder, so that no existing file is \
            overwritten and no existing symbolic link can redirect a write. Choose a new folder.
            """)
    public static let extractionFailed = DiagnosticCode(
        "PA315", "Extraction failed", inputError: true,
        explanation: """
            Writing an entry under the `--extract-to` folder failed (no space, permission denied, …). Every file \
            is written atomically, so no partial file was left; files already written stay. Fix the cause and \
            extract into a new empty folder.
            """)
    public static let unsupportedArchiveEntry = DiagnosticCode(
        "PA316", "Unsupported tar entry type", severity: .warning,
        explanation: """
            The entry has a type this reader does not interpret (GNU sparse files, multi-volume continuations, \
            vendor extensions). It is left out; its data is skipped using the size in its header. Recreate the \
            archive without `--sparse`.
            """)
    public static let emptyArchive = DiagnosticCode(
        "PA317", "Archive holds no entries", inputError: true,
        explanation: """
            The archive is valid but contains nothing, so there is nothing to verify. The command that created \
            it probably ran in the wrong folder.
            """)
    public static let workerStatsFileNotFound = DiagnosticCode(
        "PA320", "No worker stats file in the input",
        explanation: """
            No `webpack-worker-stats.json` (or the file named by WEBPACK_LOADER['WORKERS']['STATS_FILE']) exists \
            anywhere in the input, so there is no static root to verify. Upstream, django-webpack-loader then \
            raises IOError, edx-proctoring catches it as a warning and the worker URL silently becomes \
            LMS_ROOT_URL. The worker build was skipped (workers.json missing when webpack ran) or the stats file \
            was not copied into the image.
            """)
    public static let ambiguousStaticRoot = DiagnosticCode(
        "PA321", "Several worker stats files; static root ambiguous", inputError: true,
        explanation: """
            The input holds more than one worker stats file (for example an LMS and a stale copy), and the \
            settings' STATS_FILE does not decide which one the LMS reads. Pass `--static-root` or settings \
            that define WEBPACK_LOADER['WORKERS']['STATS_FILE'].
            """)
    public static let workersConfigOutsideStaticRoot = DiagnosticCode(
        "PA322", "workers.json is not part of a static root", severity: .note,
        explanation: """
            The input is a static root (STATIC_ROOT) and not an image root: workers.json is a build input that \
            edx-proctoring writes to ENV_ROOT, outside STATIC_ROOT, so it cannot be checked here. The bundles \
            and the stats file are still verified. Verify the image root or pass ENV_ROOT to check workers.json.
            """)
    public static let layoutOverrideNotFound = DiagnosticCode(
        "PA323", "Override path not found in the input", inputError: true,
        explanation: """
            `--static-root` or `--env-root` names a folder that is not in the input, neither as given nor as a \
            path relative to the input's root, nor by its trailing components. Give the folder as it appears \
            inside the image (e.g. `/openedx/staticfiles`).
            """)
    public static let webpackLoaderVersionUnclear = DiagnosticCode(
        "PA324", "django-webpack-loader version unclear", severity: .warning,
        explanation: """
            Several site-packages folders of the image hold different django-webpack-loader versions, so the \
            stats format the LMS expects cannot be decided from the image. The first one found is used. Remove \
            the stale installation or pass the site-packages folder the LMS uses.
            """)
    public static let statsFileSettingNotMatched = DiagnosticCode(
        "PA325", "STATS_FILE setting does not match the stats file found", severity: .warning,
        explanation: """
            WEBPACK_LOADER['WORKERS']['STATS_FILE'] names a path where the input has no stats file, but a stats \
            file exists elsewhere. The LMS would raise IOError (reported upstream only as a warning) and serve \
            no worker. Either STATIC_ROOT at build time differs from the runtime setting, or the settings given \
            are not the ones of this image.
            """)
    public static let layoutSearchLimited = DiagnosticCode(
        "PA326", "Layout search stopped at its bound", severity: .note,
        explanation: """
            The search for the stats file, workers.json and site-packages visits at most a bounded number of \
            folders and depth, so that a whole-image export is searched quickly. Some folders were not searched; \
            pass `--static-root`/`--env-root` to point at the right folders directly.
            """)
}

/// The codes of the input side of `verify`, for `explain` and the catalog uniqueness test.
public enum ArchiveCatalog {
    public static let codes: [DiagnosticCode] = [
        .inputPathNotFound, .inputPathUnreadable, .inputNotAnArchive, .corruptGzip, .truncatedGzip, .archiveExpansionLimit,
        .tarChecksumMismatch, .truncatedTar, .malformedTarHeader, .unsafeArchiveEntry, .archiveLinkNotFollowed,
        .archiveHardLinkTargetMissing, .archiveSpecialFileIgnored, .archiveEntryConflict, .archiveFileNotRetained,
        .extractionDirectoryNotEmpty, .extractionFailed, .unsupportedArchiveEntry, .emptyArchive,
        .workerStatsFileNotFound, .ambiguousStaticRoot, .workersConfigOutsideStaticRoot, .layoutOverrideNotFound,
        .webpackLoaderVersionUnclear, .statsFileSettingNotMatched, .layoutSearchLimited,
    ]
}
