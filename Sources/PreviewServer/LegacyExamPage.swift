/// The JS 1.0 exam page: what edx-platform's sequence block renders through
/// `edx_proctoring.api.get_student_view` (templates/proctored_exam/*.html), with the worker URL in the
/// page context as `edx.courseware.proctored_exam.configuredWorkerURL` and the legacy handlers'
/// launch code (spec/rest.md §3).
struct LegacyExamPage {
    var exam: ExamRecord
    var attempt: AttemptRecord?
    var backend: PreviewBackend?
    var user: PreviewUser

    var html: String {
        let status = attempt?.status
        var body = "<h1>\(HTML.escape(exam.examName))</h1>"
        body += "<p>JS 1.0 (legacy courseware) view of <code>\(HTML.escape(exam.contentID))</code> for "
        body += "<strong>\(HTML.escape(user.username))</strong>. Attempt status: "
        body += "<code id=\"attempt-status\">\(status?.rawValue ?? "none")</code></p>"
        body += "<script>var edx = window.edx || {}; edx.courseware = edx.courseware || {};"
        body += " edx.courseware.proctored_exam = edx.courseware.proctored_exam || {};\n"
        body += WorkerLaunchScript.source
        body += "\nedx.courseware.proctored_exam.createWorker = createWorker;"
        body += " edx.courseware.proctored_exam.workerPromiseForEventNames = workerPromiseForEventNames;</script>\n"
        body += Self.actionScript
        switch status {
        case nil:
            body += "<p><button class=\"enter-exam\" data-exam-id=\"\(exam.id)\">Take this exam with proctoring</button></p>"
        case .created?, .downloadSoftwareClicked?:
            body += "<p>The proctoring software has not reported in yet. In a preview no desktop application runs:</p>"
            body += "<p><button class=\"mark-ready\" data-external-id=\"\(HTML.escape(attempt?.externalID ?? ""))\">"
            body += "Act as the proctoring software: mark the attempt ready</button></p>"
        case .readyToStart?:
            body += workerContext(includePingInterval: true)
            body += "<p><button class=\"proctored-enter-exam\" data-action=\"start\" "
            body += "data-change-state-url=\"\(PreviewRoutes.attemptPath(attempt?.id ?? 0))\">Start exam</button></p>"
        case .started?:
            body += "<p>The exam is in progress.</p><p><button class=\"exam-action-button\" data-action=\"stop\" "
            body += "data-change-state-url=\"\(PreviewRoutes.attemptPath(attempt?.id ?? 0))\">End my exam</button></p>"
        case .readyToSubmit?:
            body += workerContext(includePingInterval: false)
            body += "<p><button class=\"exam-action-button\" data-action=\"submit\" "
            body += "data-change-state-url=\"\(PreviewRoutes.attemptPath(attempt?.id ?? 0))\">Submit exam</button> "
            body += "<button class=\"exam-action-button\" data-action=\"start\" "
            body += "data-change-state-url=\"\(PreviewRoutes.attemptPath(attempt?.id ?? 0))\">Return to exam</button></p>"
        case let other?:
            body += "<p>This attempt is complete (<code>\(other.rawValue)</code>).</p>"
        }
        body += "<p id=\"message\" role=\"status\"></p><p><a href=\"\(PreviewRoutes.preview)\">Worker test page</a></p>"
        return HTML.page(title: exam.examName, body: body)
    }

    /// ready_to_start.html 59-70 / ready_to_submit.html 30-39: the URL inside a JS double-quoted
    /// string under autoescape.
    private func workerContext(includePingInterval: Bool) -> String {
        var script = "<script>edx.courseware.proctored_exam.configuredWorkerURL = \"\(HTML.escape(backend?.workerURL ?? ""))\";"
        if includePingInterval {
            script += "\nedx.courseware.proctored_exam.ProctoringAppPingInterval = \(backend?.pingInterval ?? 60);"
        }
        return script + "</script>\n"
    }

    /// exam_action_handler.js: `examStartHandler` (worker `startExamAttempt` with timeout
    /// `ProctoringAppPingInterval * 1000`, then `PUT action=start`) and `examEndHandler` (`PUT
    /// action=submit`, then `endExamAttempt`); jQuery's form encoding, the LMS page's CSRF header.
    static let actionScript = #"""
    <script>
    (function () {
      var pe = edx.courseware.proctored_exam;
      function csrfToken() {
        return fetch('/csrf/api/v1/token', { credentials: 'same-origin' }).then(function (r) { return r.json(); })
          .then(function (d) { return d.csrfToken; });
      }
      function send(method, url, fields) {
        return csrfToken().then(function (token) {
          return fetch(url, { method: method, credentials: 'same-origin', body: new URLSearchParams(fields).toString(),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-CSRFToken': token } });
        }).then(function (r) { return r.json().then(function (d) { if (!r.ok) { throw new Error(d.detail || r.status); } return d; }); });
      }
      function show(text) { document.getElementById('message').textContent = text; }
      function changeState(button) {
        return send('PUT', button.dataset.changeStateUrl, { action: button.dataset.action });
      }
      document.addEventListener('click', function (event) {
        var button = event.target;
        if (button.classList.contains('enter-exam')) {
          send('POST', '/api/edx_proctoring/v1/proctored_exam/attempt',
            { exam_id: button.dataset.examId, attempt_proctored: 'true', start_clock: 'false' })
            .then(function () { location.reload(); }, function (e) { show(String(e)); });
        } else if (button.classList.contains('mark-ready')) {
          send('POST', '/api/edx_proctoring/v1/proctored_exam/attempt/' + button.dataset.externalId + '/ready', {})
            .then(function () { location.reload(); }, function (e) { show(String(e)); });
        } else if (button.classList.contains('proctored-enter-exam')) {
          if (window.Worker && pe.configuredWorkerURL) {
            show('Asking the proctoring worker to start the exam...');
            workerPromiseForEventNames(workerEventNames.startExamAttempt, pe.configuredWorkerURL)(pe.ProctoringAppPingInterval * 1000)
              .then(function () { return changeState(button); })
              .then(function () { location.reload(); },
                    function (e) { show('Something has gone wrong starting your exam. Please double-check that the application is running. (' + e + ')'); });
          } else {
            changeState(button).then(function () { location.reload(); }, function (e) { show(String(e)); });
          }
        } else if (button.classList.contains('exam-action-button')) {
          var action = button.dataset.action;
          changeState(button).then(function (data) {
            if (action === 'submit' && window.Worker && pe.configuredWorkerURL) {
              return workerPromiseForEventNames(workerEventNames.endExamAttempt, pe.configuredWorkerURL)(data);
            }
          }).then(function () { location.reload(); }, function (e) { show(String(e)); });
        }
      });
    })();
    </script>
    """#
}
