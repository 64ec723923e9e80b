import Diagnostics

/// What the learner's browser gets as the worker URL: `desktop_application_js_url` (JS 2.0, REST) and
/// `backend_js_bundle` (JS 1.0, template context) are both `BaseRestProctoringProvider.get_javascript()`,
/// so they are the same value.
public struct WorkerURLDelivery: Sendable, Hashable {
    public enum Served: Sendable, Hashable {
        /// The URL both JS 1.0 and JS 2.0 hand to the browser.
        case url(String)
        /// get_javascript() lets the exception through: the page / REST call fails with a server error.
        case serverError(UpstreamException)
        /// The loader polls a compiling stats file forever (DEBUG without TIMEOUT): the request never returns.
        case requestHangs(status: String)
    }

    public var served: Served
    /// `bundle_chunks[0]["url"]` when the lookup gave one.
    public var chunkURL: String?
    /// An exception get_javascript() caught and only warned about.
    public var swallowedException: UpstreamException?
    /// True when the served URL is the lookup-failure fallback (`LMS_ROOT_URL + ''`).
    public var isLookupFailureFallback: Bool

    /// JS 2.0: `desktop_application_js_url` of the attempt REST data.
    public var desktopApplicationJSURL: String? {
        if case .url(let url) = served { return url }
        return nil
    }

    /// JS 1.0: `backend_js_bundle` in the proctored exam template context (the same value).
    public var backendJSBundle: String? { desktopApplicationJSURL }
}

/// edx_proctoring's rule (`backends/rest.py`, get_javascript): first chunk URL; `LMS_ROOT_URL + url` when that
/// URL has no scheme and LMS_ROOT_URL is set; on a caught lookup failure the URL stays "" and so becomes
/// LMS_ROOT_URL itself.
public enum EdxProctoringWorkerURL {
    /// The worker URL upstream serves when the lookup fails (`settings.LMS_ROOT_URL + ''`, or "" without it).
    public static func lookupFailureValue(lmsRootURL: String?) -> String {
        lmsRootURL ?? ""
    }

    /// `if not urlparse(js_url).scheme: js_url = settings.LMS_ROOT_URL + js_url`.
    public static func absoluteURL(forChunkURL chunkURL: String, lmsRootURL: String?) -> String {
        guard PythonURL.split(chunkURL).scheme.isEmpty, let lmsRootURL else { return chunkURL }
        return lmsRootURL + chunkURL
    }

    public static func delivery(for outcome: LoaderOutcome, lmsRootURL: String?) -> WorkerURLDelivery {
        switch outcome {
        case .files(let chunks):
            guard let first = chunks.first else {
                return WorkerURLDelivery(
                    served: .url(lookupFailureValue(lmsRootURL: lmsRootURL)), chunkURL: nil, swallowedException: nil,
                    isLookupFailureFallback: true)
            }
            return WorkerURLDelivery(
                served: .url(absoluteURL(forChunkURL: first.url, lmsRootURL: lmsRootURL)), chunkURL: first.url,
                swallowedException: nil, isLookupFailureFallback: false)
        case .raises(let exception):
            guard exception.isCaughtByEdxProctoring else {
                return WorkerURLDelivery(
                    served: .serverError(exception), chunkURL: nil, swallowedException: nil, isLookupFailureFallback: false)
            }
            return WorkerURLDelivery(
                served: .url(lookupFailureValue(lmsRootURL: lmsRootURL)), chunkURL: nil, swallowedException: exception,
                isLookupFailureFallback: true)
        case .pollsForever(let status):
            return WorkerURLDelivery(
                served: .requestHangs(status: status), chunkURL: nil, swallowedException: nil,
                isLookupFailureFallback: false)
        }
    }

    /// Findings for a delivery: why the lookup failed (with the exception the real loader raises) and what the
    /// browser gets instead. `location` is where the stats file or setting lives.
    public static func diagnostics(
        for delivery: WorkerURLDelivery, bundleName: String, loader: LoaderSemantics, lmsRootURL: String?,
        location: SourceLocation? = nil
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        switch delivery.served {
        case .serverError(let exception):
            findings.append(
                Diagnostic(
                    exception.code,
                    "\(loader) raises \(exception) while looking up '\(bundleName)'; edx_proctoring does not catch "
                        + "\(exception.typeName), so exam pages fail with a server error",
                    at: location, fix: fix(for: exception.code),
                    notes: ["JS 1.0 (backend_js_bundle) and JS 2.0 (desktop_application_js_url) both fail"]))
        case .requestHangs(let status):
            findings.append(
                Diagnostic(
                    .statsBuildNotFinished,
                    "with DEBUG on and no TIMEOUT, \(loader) polls the stats file while its status is \"\(status)\"; "
                        + "the exam page request never returns",
                    at: location, fix: "finish the worker build, or set WEBPACK_LOADER['WORKERS']['TIMEOUT']"))
        case .url(let url):
            if delivery.isLookupFailureFallback {
                if let exception = delivery.swallowedException {
                    findings.append(
                        Diagnostic(
                            exception.code,
                            "\(loader) raises \(exception) while looking up '\(bundleName)'; edx_proctoring only warns",
                            at: location, fix: fix(for: exception.code)))
                } else {
                    findings.append(
                        Diagnostic(
                            .bundleFilesAllIgnored,
                            "get_files('\(bundleName)', config=\"WORKERS\") returns no files", at: location,
                            fix: fix(for: .bundleFilesAllIgnored)))
                }
                findings.append(
                    Diagnostic(
                        .workerURLFallsBackToLMSRoot,
                        "upstream would serve \(url.isEmpty ? "an empty URL" : "<\(url)>") as the worker URL for "
                            + "'\(bundleName)' (JS 1.0 backend_js_bundle and JS 2.0 desktop_application_js_url)",
                        at: location, fix: "fix the lookup failure above; the browser cannot run that URL as a worker"))
            } else if PythonURL.split(url).scheme.isEmpty {
                findings.append(
                    Diagnostic(
                        .workerURLRelative, "the worker URL '\(url)' has no scheme because LMS_ROOT_URL is not set",
                        at: location, fix: "set LMS_ROOT_URL"))
            } else if let chunkURL = delivery.chunkURL, PythonURL.split(chunkURL).scheme.isEmpty,
                !chunkURL.hasPrefix("/") || chunkURL.hasPrefix("//")
            {
                // LMS_ROOT_URL is pasted in front of a URL that is not a path: `https://lms//cdn/…`, `https://lmsauto…`.
                findings.append(
                    Diagnostic(
                        .workerURLRelative,
                        "the loader's URL '\(chunkURL)' is not a path starting with one '/', so edx_proctoring serves "
                            + "'\(url)'",
                        at: location,
                        fix: "use an absolute STATIC_URL or publicPath (https://…), or one starting with a single '/'"))
            }
        }
        return findings
    }

    private static func fix(for code: DiagnosticCode) -> String {
        switch code {
        case .statsFileNotFound: return "run the worker build first (`proctoring-assets build`), which writes the stats file where STATS_FILE points"
        case .bundleNotInStats: return "list the provider's npm module in workers.json and rebuild the workers"
        case .statsFormatMismatch: return "write the stats file with --stats-format auto (the installed loader's format)"
        case .staticFilesManifestEntryMissing: return "run collectstatic after the worker build, or let the build update staticfiles.json"
        case .bundleFilesAllIgnored: return "narrow WEBPACK_LOADER['WORKERS']['IGNORE']"
        case .staticURLMissing: return "set STATIC_URL"
        default: return "rebuild the worker stats file"
        }
    }
}
