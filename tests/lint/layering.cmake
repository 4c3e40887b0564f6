# The core's layering, checked by ctest (test "layering"):
#   cmake -DROOT=<repo> -P tests/lint/layering.cmake
# Stages sit on levels; a file of a stage (wasm/src/<stage>/, or its public
# headers in wasm/include/gemroll/) may include the public headers of lower
# levels and its own stage's headers, never a higher or sibling stage's, and
# never another stage's internal headers (except simd/, the shared vector
# layer). The bindings, the CLI and the tools
# include public headers only. A new header or stage must be placed here.

# header -> stage, stage -> level
set(_stage_of_analyze analyze)
set(_stage_of_classify classify)
set(_stage_of_collage collage)
set(_stage_of_curate curate)
set(_stage_of_gazetteer gazetteer)
set(_stage_of_decode decode)
set(_stage_of_edit edit)
set(_stage_of_edit_plan edit)
set(_stage_of_encode encode)
set(_stage_of_exif exif)
set(_stage_of_exif_write exif)
set(_stage_of_export export)
set(_stage_of_features features)
set(_stage_of_image image)
set(_stage_of_json image)
set(_stage_of_status image)
set(_stage_of_limits image)
set(_stage_of_reason image)
set(_stage_of_metrics metrics)
set(_stage_of_model model)

set(_level_image 0)      # pixels, Status, JSON, Reason, limits
set(_level_simd 0)       # the vector layer the kernels share (internal only)
set(_level_exif 1)       # metadata in, metadata out
set(_level_gazetteer 1)  # place names
set(_level_decode 2)     # bytes -> upright pixels
set(_level_encode 2)     # pixels -> bytes
set(_level_metrics 2)    # measurements on pixels
set(_level_features 2)   # content evidence on pixels
set(_level_analyze 3)    # one photo: decode + exif + metrics + features
set(_level_model 3)      # tensors for the on-device models
set(_level_classify 4)   # verdicts
set(_level_curate 5)     # records -> suggestions
set(_level_edit 5)       # edit params, plans, renders
set(_level_export 6)     # edits replayed on the original
set(_level_collage 6)    # layouts and composition

set(_errors "")
macro(_fail msg)
  string(APPEND _errors "  ${msg}\n")
endmacro()

function(_check_file file stage)
  set(mine ${_level_${stage}})
  file(STRINGS "${file}" lines REGEX "^#include \"[^\"]+\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" inc "${line}")
    if(inc MATCHES "^gemroll/([a-z_]+)\\.h$")
      set(h ${CMAKE_MATCH_1})
      if(NOT DEFINED _stage_of_${h})
        _fail("${file}: gemroll/${h}.h has no place in tests/lint/layering.cmake")
        continue()
      endif()
      set(theirs ${_stage_of_${h}})
      if(stage STREQUAL "public-only")
        continue()
      endif()
      if(NOT theirs STREQUAL stage AND NOT _level_${theirs} LESS mine)
        _fail("${file} (${stage}, level ${mine}) includes gemroll/${h}.h (${theirs}, level ${_level_${theirs}})")
      endif()
    elseif(inc MATCHES "^([a-z_]+)/")
      # simd/ is internal by nature (intrinsics) and shared by every stage's
      # kernels; any other stage's internal headers stay its own.
      if(NOT CMAKE_MATCH_1 STREQUAL stage AND NOT CMAKE_MATCH_1 STREQUAL "simd")
        _fail("${file} (${stage}) includes another stage's internal header ${inc}")
      endif()
    elseif(stage STREQUAL "public-only")
      # bindings-local headers (js_value.h, ...) sit beside the file
      get_filename_component(dir "${file}" DIRECTORY)
      if(NOT EXISTS "${dir}/${inc}")
        _fail("${file} includes ${inc}, which is not a public header")
      endif()
    endif()
  endforeach()
  set(_errors "${_errors}" PARENT_SCOPE)
endfunction()

file(GLOB _stage_dirs LIST_DIRECTORIES true "${ROOT}/wasm/src/*")
foreach(dir IN LISTS _stage_dirs)
  if(NOT IS_DIRECTORY "${dir}")
    continue()
  endif()
  get_filename_component(stage "${dir}" NAME)
  if(NOT DEFINED _level_${stage})
    _fail("wasm/src/${stage}/ has no level in tests/lint/layering.cmake")
    continue()
  endif()
  file(GLOB files "${dir}/*.cc" "${dir}/*.h")
  foreach(f IN LISTS files)
    _check_file("${f}" ${stage})
  endforeach()
endforeach()
file(GLOB _headers "${ROOT}/wasm/include/gemroll/*.h")
foreach(f IN LISTS _headers)
  get_filename_component(h "${f}" NAME_WE)
  if(NOT DEFINED _stage_of_${h})
    _fail("wasm/include/gemroll/${h}.h has no place in tests/lint/layering.cmake")
    continue()
  endif()
  _check_file("${f}" ${_stage_of_${h}})
endforeach()
file(GLOB _outer "${ROOT}/wasm/bindings/*.cc" "${ROOT}/wasm/bindings/*.h" "${ROOT}/wasm/cli/*.cc"
     "${ROOT}/wasm/tools/*.cc")
foreach(f IN LISTS _outer)
  _check_file("${f}" public-only)
endforeach()

list(LENGTH _stage_dirs _n_dirs)
list(LENGTH _headers _n_headers)
if(_errors)
  message(FATAL_ERROR "layering violations:\n${_errors}")
endif()
message(STATUS "layering: ${_n_headers} public headers and every file under wasm/src, bindings, cli, tools: ok")
