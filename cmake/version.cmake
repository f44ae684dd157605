# paircheck_version: an INTERFACE library whose consumers #include "paircheck/version.hpp"
# (paircheck::kVersion, kCommit, kVersionLine), generated into the build tree.
# The header is written at configure time and again before every build by the
# paircheck_version_header target, so a new commit (or a dirty work tree) shows in the next build
# without reconfiguring; the file changes, and its includers recompile, only when its text does.
set(paircheck_version_dir "${CMAKE_BINARY_DIR}/generated")
set(paircheck_version_header "${paircheck_version_dir}/paircheck/version.hpp")
set(paircheck_version_command
    "${CMAKE_COMMAND}" "-DPAIRCHECK_VERSION=${PROJECT_VERSION}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "-DTEMPLATE=${CMAKE_CURRENT_LIST_DIR}/version.hpp.in" "-DOUTPUT=${paircheck_version_header}"
    -P "${CMAKE_CURRENT_LIST_DIR}/write_version_header.cmake")

execute_process(COMMAND ${paircheck_version_command} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot write ${paircheck_version_header}")
endif()
add_custom_target(paircheck_version_header
                  COMMAND ${paircheck_version_command}
                  BYPRODUCTS "${paircheck_version_header}"
                  VERBATIM)

add_library(paircheck_version INTERFACE)
target_include_directories(paircheck_version INTERFACE "${paircheck_version_dir}")
add_dependencies(paircheck_version paircheck_version_header)  # followed by its consumers
