module.exports = "openedx/edx-platform/lms/main.js";
