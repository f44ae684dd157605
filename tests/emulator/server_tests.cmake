# Tests of the emulator's network side (included by tests/emulator/CMakeLists.txt): the server over
# real sockets, and the official Node SDKs against the paircheck-emulator program.
if(TARGET paircheck_emulator_server)
  paircheck_add_test(emulator_server_test
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/server_test_client.cpp
      ${CMAKE_CURRENT_LIST_DIR}/server_http_test.cpp
      ${CMAKE_CURRENT_LIST_DIR}/server_robustness_test.cpp
    LIBS paircheck_emulator_server)
  target_compile_definitions(emulator_server_test PRIVATE
    PAIRCHECK_DEFAULT_FIXTURES="${PROJECT_SOURCE_DIR}/fixtures/default.json")
endif()

# The official Node SDKs against the real program. node and tools/node/node_modules are required
# (scripts/install-deps.sh --node): without them this test FAILS with a message, it never skips.
if(TARGET paircheck-emulator)
  find_program(PAIRCHECK_NODE node)
  if(PAIRCHECK_NODE)
    add_test(NAME Interop.OfficialNodeSdks
             COMMAND ${PAIRCHECK_NODE} ${CMAKE_CURRENT_LIST_DIR}/interop.js
                     --emulator $<TARGET_FILE:paircheck-emulator>
                     --fixtures ${PROJECT_SOURCE_DIR}/fixtures/default.json)
  else()
    add_test(NAME Interop.OfficialNodeSdks
             COMMAND sh -c "echo 'Interop.OfficialNodeSdks: node was not found when CMake configured this build: run scripts/install-deps.sh --node and reconfigure' >&2; exit 1")
  endif()
  set_tests_properties(Interop.OfficialNodeSdks PROPERTIES TIMEOUT 120)
endif()
