import Diagnostics

/// One note when nothing tells which provider the build uses but it builds assets.
enum ProviderUnknownRule {
    static func check(_ context: DoctorContext) -> Diagnostic? {
        guard context.workerExpectation == .unknown, let run = context.timeline.webpackRuns.first else { return nil }
        return Diagnostic(
            .doctorProviderUnknown,
            "nothing given tells which proctoring provider this build uses, so findings about the worker are warnings, not errors",
            at: run.location,
            fix: "pass the settings the build uses (--settings, or the settings file the build copies into place) or --site-packages",
            notes: ["a `pip install` of the provider, a requirements file or Tutor's config.yml naming it also tells"])
    }
}
