import OrderedJSON

/// `/preview`: for every configured backend, gets the worker URL through both delivery paths — the
/// JS 2.0 REST field `exam.attempt.desktop_application_js_url` and the JS 1.0 page context
/// `edx.courseware.proctored_exam.configuredWorkerURL` — launches the worker each way with the
/// frontends' own Blob + `importScripts` code, and records every prompt's reply and latency in
/// `#worker-results` (`data-status`: running, then passed or failed).
struct WorkerTestPage {
    var configuration: PreviewConfiguration
    var user: PreviewUser
    /// The run id of `PreviewRunBarrier`.
    var run: String

    /// A short protocol timeout: no desktop application runs in a preview.
    static let protocolTimeoutMilliseconds = 1000
    /// How long the page waits for any reply before it counts the prompt as unanswered.
    static let replyDeadlineMilliseconds = 8000

    var html: String {
        let backends: [JSONValue] = configuration.backends.map { backend in
            let contentID = PreviewRoutes.previewContentID(backend: backend.name)
            return .object([
                JSONMember("name", .string(backend.name)),
                JSONMember("bundleName", backend.bundleName.map(JSONValue.string) ?? .null),
                JSONMember("courseId", .string(PreviewRoutes.previewCourseID)),
                JSONMember("contentId", .string(contentID)),
                JSONMember("legacyPath", .string(PreviewRoutes.legacyExamPath(courseID: PreviewRoutes.previewCourseID, contentID: contentID))),
            ])
        }
        let pageConfig: JSONValue = .object([
            JSONMember("backends", .array(backends)),
            JSONMember("apiPrefix", .string(PreviewRoutes.apiPrefix)),
            JSONMember("protocolTimeout", .integer(Self.protocolTimeoutMilliseconds)),
            JSONMember("replyDeadline", .integer(Self.replyDeadlineMilliseconds)),
            JSONMember("donePath", .string("\(PreviewRoutes.preview)/done/\(run)")),
        ])
        var body = "<h1>Worker test page</h1>"
        body += "<p>Logged in as <strong>\(HTML.escape(user.username))</strong>. LMS root URL "
        body += "<code>\(HTML.escape(configuration.lmsRootURL))</code>; stats file <code>\(HTML.escape(configuration.statsFile))</code> "
        body += "(\(HTML.escape(configuration.loaderDescription))).</p>"
        body += "<table><tr><th>backend</th><th>worker bundle</th><th>worker URL the LMS hands out</th></tr>"
        for backend in configuration.backends {
            let isDefault = backend.name == configuration.defaultBackend ? " (DEFAULT)" : ""
            body += "<tr><td>\(HTML.escape(backend.name))\(isDefault)</td><td>\(HTML.escape(backend.bundleName ?? "none"))</td>"
            body += "<td><code>\(HTML.escape(backend.workerURL.isEmpty ? "\"\"" : backend.workerURL))</code></td></tr>"
        }
        body += "</table><div id=\"worker-table\"></div>"
        body += "<h2>Results</h2><pre id=\"worker-results\" data-status=\"running\">{}</pre>"
        body += "<div id=\"frames\" style=\"display:none\"></div>"
        // `</` cannot appear in the JSON (no HTML-significant text in it), but escape it to be sure.
        let configText = JSONWriter.write(pageConfig, style: .javaScriptCompact).replacingOccurrences(of: "</", with: "<\\/")
        body += "<script>var previewConfig = \(configText);\n\(WorkerLaunchScript.source)\n\(Self.script)</script>"
        body += "<iframe src=\"\(PreviewRoutes.preview)/hold/\(run)\" style=\"display:none\" title=\"check in progress\"></iframe>"
        return HTML.page(title: "proctoring-assets preview", body: body)
    }

    static let script = #"""
    (function () {
      var cfg = previewConfig;
      var incomplete = ['created', 'download_software_clicked', 'ready_to_start', 'started', 'ready_to_submit'];
      var token = null;
      function api(method, path, body) {
        var headers = { 'Accept': 'application/json' };
        var init = { method: method, credentials: 'same-origin', headers: headers };
        var ready = Promise.resolve();
        if (method !== 'GET') {
          ready = (token ? Promise.resolve(token) : fetch('/csrf/api/v1/token', { credentials: 'same-origin' })
            .then(function (r) { return r.json(); }).then(function (d) { token = d.csrfToken; return token; }))
            .then(function (t) { headers['X-CSRFToken'] = t; headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body || {}); });
        }
        return ready.then(function () { return fetch(path, init); }).then(function (r) {
          if (r.status === 204) { return null; }
          return r.json().then(function (d) { if (!r.ok) { throw new Error(method + ' ' + path + ': ' + r.status + ' ' + JSON.stringify(d)); } return d; });
        });
      }
      function examData(b) {
        var query = new URLSearchParams({ content_id: b.contentId, is_learning_mfe: 'true' });
        return api('GET', cfg.apiPrefix + '/proctored_exam/attempt/course_id/' + b.courseId + '?' + query.toString());
      }
      // Brings the backend's preview attempt to a state in which both frontends hand out the worker URL.
      function prepareAttempt(b) {
        return examData(b).then(function (data) {
          var attempt = data.exam.attempt || {};
          if (!attempt.attempt_id) {
            return api('POST', cfg.apiPrefix + '/proctored_exam/attempt', { exam_id: data.exam.id, start_clock: 'false', attempt_proctored: 'true' });
          }
          if (incomplete.indexOf(attempt.attempt_status) < 0) {
            return api('PUT', attempt.exam_started_poll_url, { action: 'reset_attempt' });
          }
        }).then(function () { return examData(b); }).then(function (data) {
          var attempt = data.exam.attempt;
          if (attempt.attempt_status === 'created' || attempt.attempt_status === 'download_software_clicked') {
            return api('POST', cfg.apiPrefix + '/proctored_exam/attempt/' + attempt.external_id + '/ready', {});
          }
          if (attempt.attempt_status === 'started') {
            return api('PUT', attempt.exam_started_poll_url, { action: 'stop' });
          }
        }).then(function () { return examData(b); }).then(function (data) { return data.exam.attempt; });
      }
      function exchange(create, url, names, message) {
        var started = performance.now();
        return new Promise(function (resolve) {
          var worker = null;
          var done = false;
          function finish(result) {
            if (done) { return; }
            done = true;
            clearTimeout(timer);
            if (worker) { worker.terminate(); }
            result.prompt = names.promptEventName;
            result.latencyMs = Math.round(performance.now() - started);
            resolve(result);
          }
          var timer = setTimeout(function () { finish({ outcome: 'no-reply', error: 'no reply within ' + cfg.replyDeadline + ' ms' }); }, cfg.replyDeadline);
          try { worker = create(url); } catch (e) { finish({ outcome: 'error', error: String(e) }); return; }
          worker.onmessage = function (e) {
            var type = e.data && e.data.type;
            finish({ outcome: type === names.successEventName ? 'success' : (type === names.failureEventName ? 'failure' : 'unexpected'), reply: e.data });
          };
          worker.onerror = function (e) { if (e.preventDefault) { e.preventDefault(); } finish({ outcome: 'error', error: e.message || 'the worker failed to load (importScripts)' }); };
          worker.postMessage(message);
        });
      }
      function runPrompts(create, url, externalId) {
        var results = [];
        var prompts = [
          [workerEventNames.startExamAttempt, cfg.protocolTimeout],
          [workerEventNames.ping, cfg.protocolTimeout],
          [workerEventNames.endExamAttempt, 0]
        ];
        return prompts.reduce(function (chain, p) {
          return chain.then(function () {
            var message = { type: p[0].promptEventName, timeout: p[1] };
            if (externalId !== undefined) { message.attemptExternalId = externalId; }
            return exchange(create, url, p[0], message).then(function (r) { results.push(r); });
          });
        }, Promise.resolve()).then(function () { return results; });
      }
      // JS 1.0: the legacy exam page, as the courseware renders it; its own context and launch code.
      function legacyPath(b) {
        return new Promise(function (resolve, reject) {
          var frame = document.createElement('iframe');
          frame.onload = function () {
            try {
              var pe = frame.contentWindow.edx.courseware.proctored_exam;
              resolve({ url: pe.configuredWorkerURL, create: pe.createWorker });
            } catch (e) { reject(e); }
          };
          frame.src = b.legacyPath;
          document.getElementById('frames').appendChild(frame);
        });
      }
      function checkBackend(b) {
        var entry = { backend: b.name, bundle: b.bundleName };
        return prepareAttempt(b).then(function (attempt) {
          entry.attemptStatus = attempt.attempt_status;
          entry.js2 = { workerURL: attempt.desktop_application_js_url };
          return runPrompts(createWorker, attempt.desktop_application_js_url, attempt.external_id).then(function (results) {
            entry.js2.results = results;
            return legacyPath(b);
          });
        }).then(function (legacy) {
          entry.js1 = { workerURL: legacy.url };
          return runPrompts(legacy.create, legacy.url, undefined).then(function (results) { entry.js1.results = results; });
        }).catch(function (e) { entry.error = String(e); }).then(function () { return entry; });
      }
      function typed(r) { return r.outcome === 'success' || r.outcome === 'failure'; }
      function passed(entry) {
        return !entry.error && [entry.js1, entry.js2].every(function (path) {
          return path && path.workerURL && path.results && path.results.length === 3 && path.results.every(typed);
        });
      }
      function render(entries) {
        var rows = ['<table><tr><th>backend</th><th>path</th><th>prompt</th><th>reply</th><th>latency</th></tr>'];
        entries.forEach(function (entry) {
          [['JS 1.0', entry.js1], ['JS 2.0', entry.js2]].forEach(function (p) {
            ((p[1] && p[1].results) || []).forEach(function (r) {
              var reply = r.reply ? r.reply.type : r.error;
              rows.push('<tr class="' + (typed(r) ? 'passed' : 'failed') + '"><td>' + entry.backend + '</td><td>' + p[0] + '</td><td>' +
                r.prompt + '</td><td>' + reply + '</td><td>' + r.latencyMs + ' ms</td></tr>');
            });
          });
          if (entry.error) { rows.push('<tr class="failed"><td>' + entry.backend + '</td><td colspan="4">' + entry.error + '</td></tr>'); }
        });
        document.getElementById('worker-table').innerHTML = rows.join('') + '</table>';
      }
      var withWorker = cfg.backends.filter(function (b) { return b.bundleName; });
      withWorker.reduce(function (chain, b) {
        return chain.then(function (entries) { return checkBackend(b).then(function (e) { return entries.concat([e]); }); });
      }, Promise.resolve([])).then(function (entries) {
        var ok = entries.length > 0 && entries.every(passed);
        var out = document.getElementById('worker-results');
        out.textContent = JSON.stringify({ status: ok ? 'passed' : 'failed', workers: entries,
          note: entries.length ? undefined : 'no configured backend has a worker' }, null, 2);
        render(entries);
        out.setAttribute('data-status', ok ? 'passed' : 'failed');
        return api('POST', cfg.donePath, {});
      }).catch(function (e) {
        var out = document.getElementById('worker-results');
        if (out.getAttribute('data-status') === 'running') {
          out.textContent = JSON.stringify({ status: 'failed', error: String(e) });
          out.setAttribute('data-status', 'failed');
        }
      });
    })();
    """#
}
