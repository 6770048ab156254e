# The browser build (docs/web.md): the model and the command's own
# answer-producing code compiled to WebAssembly by Emscripten's emcc into one
# self-contained gogrow.js, next to the page (web/) in ${CMAKE_BINARY_DIR}/web.
# The host compiler still builds the generators (the size-class table), so
# this is a plain custom target: `cmake --preset web && cmake --build build-web -t web`.
find_program(EMCC emcc)
if(NOT EMCC)
  message(FATAL_ERROR "emcc not found: install emscripten (GOGROW_DEPS_TEST=1 scripts/deps.sh)")
endif()

# The same command sources as the native gogrow, minus what a page cannot
# run: `probe` (child processes running Go toolchains), --pprof (zlib) and
# simulate --runtime (the runtime, src/rt, real memory, is not compiled in).
# src/web/web_stubs.c stands in for their entry points. Matched by file name,
# so a move of these files to another folder needs no change here.
set(WEB_CLI_EXCLUDE "/probe_[^/]*\\.c$" "/cmd_probe\\.c$" "/out/pprof\\.c$" "/cmd_audit\\.c$"
  "/answer/simrt_answer\\.c$")
set(WEB_CLI_SRC ${CLI_SRC})
foreach(re ${WEB_CLI_EXCLUDE})
  list(FILTER WEB_CLI_SRC EXCLUDE REGEX "${re}")
endforeach()
file(GLOB WEB_OWN_SRC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/web/*.c)
# main.c for cli_run; GOGROW_NO_MAIN leaves its main() out.
set(WEB_SRC ${MODEL_SRC} ${WEB_CLI_SRC} ${CMAKE_SOURCE_DIR}/src/cli/main.c ${WEB_OWN_SRC})
file(GLOB_RECURSE WEB_HDR CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/include/*.h ${CMAKE_SOURCE_DIR}/src/*.h)

set(WEB_DIR ${CMAKE_BINARY_DIR}/web)
set(WEB_FLAGS -Os -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -DNDEBUG -DGOGROW_NO_MAIN
  -I${CMAKE_SOURCE_DIR}/include -I${CMAKE_BINARY_DIR}/gen -I${CMAKE_SOURCE_DIR}/src
  # One classic script with the wasm inlined: Chromium fetches neither ES
  # modules nor a separate .wasm over file://.
  # MODULARIZE keeps Emscripten's globals (run, FS, ...) out of the page's.
  -sENVIRONMENT=web -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=createGogrow -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=1
  -sEXPORTED_FUNCTIONS=_web_run,_web_parse,_web_targets -sEXPORTED_RUNTIME_METHODS=ccall,FS)
add_custom_command(
  OUTPUT ${WEB_DIR}/gogrow.js
  COMMAND ${CMAKE_COMMAND} -E make_directory ${WEB_DIR}
  # emcc's JavaScript optimiser needs Debian's node modules (acorn).
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs ${EMCC} ${WEB_FLAGS} ${WEB_SRC} -o ${WEB_DIR}/gogrow.js
  DEPENDS ${WEB_SRC} ${WEB_HDR} ${CMAKE_BINARY_DIR}/gen/sizeclasses_gen.h ${CMAKE_SOURCE_DIR}/cmake/web.cmake
  COMMENT "emcc: gogrow.js (model and command in WebAssembly)"
  VERBATIM)

file(GLOB WEB_PAGE CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(WEB_PAGE_OUT)
foreach(f ${WEB_PAGE})
  get_filename_component(name ${f} NAME)
  add_custom_command(OUTPUT ${WEB_DIR}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy ${f} ${WEB_DIR}/${name}
    DEPENDS ${f} VERBATIM)
  list(APPEND WEB_PAGE_OUT ${WEB_DIR}/${name})
endforeach()
add_custom_target(web ALL DEPENDS ${WEB_DIR}/gogrow.js ${WEB_PAGE_OUT})
add_dependencies(web gen_sizeclasses)
