# The emulator's network side (included by emulator/CMakeLists.txt): the Beast server library and
# the paircheck-emulator program. server.cpp is the only Beast translation unit.
if(TARGET paircheck_emulator)
  add_library(paircheck_emulator_server ${CMAKE_CURRENT_LIST_DIR}/server.cpp)
  target_include_directories(paircheck_emulator_server PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(paircheck_emulator_server PUBLIC paircheck_emulator
                        PRIVATE paircheck_beast paircheck_warnings)

  add_executable(paircheck-emulator ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
  target_link_libraries(paircheck-emulator PRIVATE paircheck_emulator_server paircheck_allocator
                        paircheck_version paircheck_har paircheck_warnings)
endif()
