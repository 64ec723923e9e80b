import ArgumentParser
import BundleManifest
import Diagnostics
import Foundation
import PreviewServer
import ProctoringAssets

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview LMS: serves the built worker through JS 1.0 and JS 2.0 and tests it in your browser.",
        discussion: """
            A small real server that does the parts of the LMS that hand a learner's browser the worker: the \
            static files under STATIC_URL, the edx-proctoring REST API that frontend-lib-special-exams calls \
            (JS 2.0, attempts kept in SQLite), the legacy courseware exam page (JS 1.0), and /preview, a page \
            that loads every configured worker through both paths and shows each reply. The worker URL comes \
            from the same resolver as `resolve`, with LMS_ROOT_URL set to the preview server itself unless \
            --lms-root-url is given. Log in with /login?user=NAME. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

            Example:
              proctoring-assets build --example --example-dir /tmp/pa-example
              proctoring-assets serve --example --example-dir /tmp/pa-example --seed-example --open
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port = 8000

    @Option(help: ArgumentHelp("The SQLite file for users and attempts, or :memory:. Default: proctoring-assets/serve.sqlite under the user's cache folder.", valueName: "file"))
    var db: String?

    @Flag(help: "Create the example course course-v1:Example+Proctoring+2026, its proctored exam (provider: the DEFAULT backend) and the users learner and other.")
    var seedExample = false

    @Flag(help: "Print the preview page's URL (with a login) to open in a browser.")
    var open = false

    @Option(name: .customLong("loader-version"), help: ArgumentHelp("The django-webpack-loader version the LMS runs (e.g. 0.7.0 or 3.2.3). Default: read from --site-packages.", valueName: "version"))
    var loaderVersion: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try example.requireDeployment(deployment)
        guard (1...65535).contains(port) else { throw ValidationError("--port takes a port number from 1 to 65535, got \(port)") }
        if let loaderVersion, DjangoWebpackLoaderVersion(loaderVersion) == nil {
            throw ValidationError("--loader-version takes a version such as 0.7.0 or 3.2.3, got '\(loaderVersion)'")
        }
    }

    func run() async throws {
        let prepared: (PreviewConfiguration?, CommandReport)
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve(reuseExistingExample: true)
            let database: DatabaseLocation? = db.map {
                $0 == ":memory:" ? .memory : .file(URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path)
            }
            let request = ServeRun.Request(
                host: host, port: port, database: database, seedExample: seedExample, lmsRootURL: deployment.lmsRootURL,
                loaderVersion: loaderVersion.flatMap(DjangoWebpackLoaderVersion.init))
            prepared = ServeRun().configure(inputs, request: request, example: example, environment: ProcessInfo.processInfo.environment)
        } catch {
            prepared = (nil, CommandReport(command: "serve", diagnostics: error.diagnostics))
        }
        let status = output.emit(prepared.1)
        guard let configuration = prepared.0 else { throw ExitCode(status) }
        if open {
            StandardStreams.write("Open \(configuration.origin)\(PreviewRoutes.login)?user=learner&next=\(PreviewRoutes.preview)\n")
        }
        if let failure = await ServeRun().serve(configuration) {
            throw ExitCode(output.emit(failure))
        }
    }
}
