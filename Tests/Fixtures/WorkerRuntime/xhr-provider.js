// A provider that talks to its desktop application over XMLHttpRequest, as mockprock does. Nothing
// listens on 127.0.0.1:9, so the request errors and the handler rejects with {status, statusText}.
function request(method, url) {
  return new Promise(function (resolve, reject) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.onload = function () {
      if (this.status >= 200 && this.status < 300) resolve(JSON.parse(xhr.response));
      else reject({ status: this.status, statusText: xhr.statusText });
    };
    xhr.onerror = function () {
      reject({ status: this.status, statusText: xhr.statusText });
    };
    xhr.send();
  });
}
function DesktopAppHandler() {}
DesktopAppHandler.prototype.onPing = function () {
  return request('GET', 'http://127.0.0.1:9/desktop/ping');
};
wrapProctoringHandler(DesktopAppHandler);
