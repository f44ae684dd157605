# cmake -DPAIRCHECK_VERSION=V -DSOURCE_DIR=D -DTEMPLATE=IN -DOUTPUT=OUT -P write_version_header.cmake
# Writes OUT from IN with the version and the commit of the work tree in D: `git rev-parse
# --short=12 HEAD`, "-dirty" when a tracked file has changes, "unknown" without git or a .git.
# configure_file leaves OUT untouched when its text is unchanged, so running this at every build
# (target paircheck_version_header) recompiles the two files that print it only after a change.
set(PAIRCHECK_COMMIT "unknown")
find_program(git_program git)
if(git_program AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${git_program}" rev-parse --short=12 HEAD
                  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(rc EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
    set(PAIRCHECK_COMMIT "${head}")
    execute_process(COMMAND "${git_program}" status --porcelain --untracked-files=no
                    WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc
                    OUTPUT_VARIABLE changes ERROR_QUIET)
    if(rc EQUAL 0 AND NOT changes STREQUAL "")
      string(APPEND PAIRCHECK_COMMIT "-dirty")
    endif()
  endif()
endif()
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
