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
