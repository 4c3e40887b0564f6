// Appended inside the module factory (--post-js). The Embind functions return
// {error: {code, message}} rather than throwing from C++ (which would skip
// destructors); this is where a failed Status becomes a thrown JS error.
function gemrollUnwrap(result) {
  if (result['error']) {
    var e = new Error(result['error']['message']);
    e['name'] = 'GemrollError';
    e['code'] = result['error']['code'];
    throw e;
  }
  return result;
}
Module['analyzePhoto'] = function (bytes, options) {
  return gemrollUnwrap(Module['analyzePhotoRaw'](bytes, options || {}));
};
Module['analyzeRgba'] = function (rgba, width, height, options) {
  return gemrollUnwrap(Module['analyzeRgbaRaw'](rgba, width, height, options || {}));
};
Module['curate'] = function (items, options) {
  return gemrollUnwrap(Module['curateRaw'](items, options || {}));
};
