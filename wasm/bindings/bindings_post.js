// Appended inside the module factory (--post-js). The Embind functions return
// {error: {code, message}} rather than throwing from C++ (which would skip
// destructors); this is where a failed Status becomes a thrown JS error: the
// package's GemrollError class when the loader passes it in (assets.js
// instantiateEngine: {GemrollError}), else an Error with the same name and code.
function gemrollUnwrap(result) {
  if (result['error']) {
    var Cls = Module['GemrollError'];
    if (Cls) throw new Cls(result['error']['code'], result['error']['message']);
    var e = new Error(result['error']['message']);
    e['name'] = 'GemrollError';
    e['code'] = result['error']['code'];
    throw e;
  }
  return result;
}
// options.keep (true): the analysis and its decode stay in a KeptPhoto handle
// (result.kept) for the model stage: pass it as options.kept to
// prepareModelInputs and the face-crop calls, kept.rejudge({modelEvidence})
// remakes the record, kept.delete() (or `using`) frees it.
Module['analyzePhoto'] = function (bytes, options) {
  options = options || {};
  if (!options['keep']) return gemrollUnwrap(Module['analyzePhotoRaw'](bytes, options));
  var kept = new Module['KeptPhoto']();
  // Embind registers the class when the module starts: finish its prototype
  // on first use.
  var proto = Object.getPrototypeOf(kept);
  if (!proto['rejudge']) {
    proto['rejudge'] = function (opts) {
      return gemrollUnwrap(this['rejudgeRaw'](opts || {}));
    };
    if (typeof Symbol['dispose'] === 'symbol') {
      proto[Symbol['dispose']] = function () {
        if (!this['isDeleted']()) this['delete']();
      };
    }
  }
  try {
    var result = gemrollUnwrap(kept['analyzeRaw'](bytes, options));
    result['kept'] = kept;
    return result;
  } catch (e) {
    kept['delete']();
    throw e;
  }
};

Module['analyzeRgba'] = function (rgba, width, height, options) {
  return gemrollUnwrap(Module['analyzeRgbaRaw'](rgba, width, height, options || {}));
};
Module['curate'] = function (items, options) {
  var gazetteer = (options && options['gazetteer']) || null;
  return gemrollUnwrap(Module['curateRaw'](items, options || {}, gazetteer));
};
// A Gazetteer handle (size(), delete(), [Symbol.dispose]) from the TSV bytes
// of a gazetteer; throws a GemrollError when they hold no usable place.
Module['parseGazetteer'] = function (tsv) {
  var handle = new Module['Gazetteer']();
  try {
    gemrollUnwrap(handle['loadRaw'](tsv));
  } catch (e) {
    handle['delete']();
    throw e;
  }
  var proto = Object.getPrototypeOf(handle);
  if (typeof Symbol['dispose'] === 'symbol' && !proto[Symbol['dispose']]) {
    proto[Symbol['dispose']] = function () {
      this['delete']();
    };
  }
  return handle;
};
// On-device models (web/package/src/models.js runs ORT; these feed and read it).
Module['prepareModelInputs'] = function (bytes, options) {
  return gemrollUnwrap(Module['prepareModelInputsRaw'](bytes, options || {}));
};
Module['prepareModelInputsRgba'] = function (rgba, width, height, fullWidth, fullHeight, options) {
  return gemrollUnwrap(
    Module['prepareModelInputsRgbaRaw'](rgba, width, height, fullWidth, fullHeight, options || {}));
};
Module['decodeFaces'] = function (scores, boxes, placement, options) {
  return gemrollUnwrap(Module['decodeFacesRaw'](scores, boxes, placement, options || {}));
};
Module['decodeText'] = function (prob, width, height, placement, options) {
  return gemrollUnwrap(Module['decodeTextRaw'](prob, width, height, placement, options || {}));
};
// Edits and export (edit_bindings.cc). `input` is file bytes, or RGBA pixels
// when options.width/height are given; params are EditParams JSON strings.
Module['autoEnhance'] = function (input, options) {
  return gemrollUnwrap(Module['autoEnhanceRaw'](input, options || {}));
};
Module['commitEdit'] = function (paramsJson) {
  return gemrollUnwrap(Module['commitEditRaw'](paramsJson));
};
Module['renderEdit'] = function (input, paramsJson, options) {
  return gemrollUnwrap(Module['renderEditRaw'](input, paramsJson, options || {}));
};
Module['exportJpeg'] = function (input, paramsJson, options) {
  return gemrollUnwrap(Module['exportJpegRaw'](input, paramsJson, options || {}));
};
Module['smartCrop'] = function (input, aspect, options) {
  return gemrollUnwrap(Module['smartCropRaw'](input, aspect, options || {}));
};
// Every other *Raw binding, once: the same name without "Raw", throwing a
// GemrollError for an {error} result (looked up at call time: Embind
// registers the Raw functions when the module starts). JS outside this file
// calls these, never the Raw ones.
['prepareFullRangeInput', 'decodeFullRange', 'prepareFaceCrops', 'prepareEyeCrops', 'faceAttributes',
 'renderPlan', 'renderRgba', 'renderAutoParams', 'collage', 'collageRgba', 'collageGpuPlan', 'suggestCollage',
 'layoutCollage'].forEach(function (name) {
  Module[name] = function () {
    return gemrollUnwrap(Module[name + 'Raw'].apply(null, arguments));
  };
});
