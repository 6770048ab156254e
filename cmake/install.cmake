# Installation: libgogrow (static and shared), its headers, a pkg-config file
# and a CMake package, and the gogrow command with its man page.
#
#   cmake --install build --prefix P
#   cc prog.c $(pkg-config --with-path P/lib/pkgconfig --cflags --libs gogrow)
#   find_package(gogrow) + target_link_libraries(prog gogrow::gogrow)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS gogrow_static gogrow_shared EXPORT gogrowTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/gogrow DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(FILES ${CMAKE_BINARY_DIR}/gen/gogrow/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gogrow)
install(TARGETS gogrow RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/gogrow.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

configure_file(cmake/gogrow.pc.in ${CMAKE_BINARY_DIR}/gogrow.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gogrow.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(EXPORT gogrowTargets NAMESPACE gogrow:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gogrow)
configure_package_config_file(cmake/gogrowConfig.cmake.in ${CMAKE_BINARY_DIR}/gogrowConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gogrow)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gogrowConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gogrowConfig.cmake ${CMAKE_BINARY_DIR}/gogrowConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gogrow)
