// A provider worker written exactly like real ones (mockprock, Proctortrack): an ES module that imports
// the real `handlerWrapper` from the @edx/edx-proctoring npm package. The test installs that package's
// file from the edx-proctoring wheel (scripts/install-test-tools) and bundles this with esbuild.
import { handlerWrapper } from '@edx/edx-proctoring';

class UpstreamStyleHandler {
  constructor({ appUrl = 'http://localhost:11136' } = {}) {
    this.appUrl = appUrl;
  }

  onStartExamAttempt(timeout, attemptExternalId) {
    console.log('start', this.appUrl, timeout, attemptExternalId);
    if (attemptExternalId === 'refuse-me') {
      return Promise.reject(new Error('Proctoring app is not running.'));
    }
    return Promise.resolve();
  }

  onEndExamAttempt(attemptExternalId) {
    console.log('end', this.appUrl, attemptExternalId);
    return Promise.resolve();
  }

  onPing(timeout, attemptExternalId) {
    console.log('ping', this.appUrl, timeout, attemptExternalId);
    return Promise.resolve();
  }
}

export default handlerWrapper(UpstreamStyleHandler);
