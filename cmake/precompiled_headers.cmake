# Precompiled headers for the test programs (tests/support/precompiled.h).
#
# Every test program includes <QTest>, whose parsing was most of each test's compile time;
# the ~150 test programs now reuse one precompiled header, built once per tree. A reused
# header must be made with the same options and a subset of the same macros as each user:
# - Qt6::Test defines QT_TESTCASE_BUILDDIR and QT_TESTCASE_SOURCEDIR per folder, for
#   QFINDTESTDATA, which no test uses; CMakeLists.txt keeps only QT_TESTLIB_LIB;
# - the precompiled header's own target links only Qt6::Core and Qt6::Test, the macros every
#   test program has.
# A compiler that cannot use it fails the build (-Winvalid-pch with -Werror), never silently
# compiles without it. -DGRAPEVINE_PRECOMPILED_HEADERS=OFF turns it off.

# Whether `target` links Qt6::Test, directly or through one of our libraries.
function(grapevine_links_qt_test target out)
  set(found OFF)
  set(pending ${target})
  set(seen "")
  while(pending AND NOT found)
    list(POP_FRONT pending current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    if(current STREQUAL "Qt6::Test")
      set(found ON)
      break()
    endif()
    get_target_property(imported ${current} IMPORTED)
    if(imported)
      continue()
    endif()
    get_target_property(direct ${current} LINK_LIBRARIES)
    get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS direct interface)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
      if(lib AND NOT lib MATCHES "NOTFOUND$")
        list(APPEND pending ${lib})
      endif()
    endforeach()
  endwhile()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# Every target defined in `dir` and its subfolders.
function(grapevine_targets_under dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    grapevine_targets_under(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Makes every C++ target under `dir` that links Qt6::Test reuse `pch_target`'s header.
function(grapevine_reuse_test_pch dir pch_target)
  grapevine_targets_under(${dir} targets)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|OBJECT_LIBRARY)$" OR target STREQUAL pch_target)
      continue()
    endif()
    grapevine_links_qt_test(${target} links)
    if(links)
      target_precompile_headers(${target} REUSE_FROM ${pch_target})
    endif()
  endforeach()
endfunction()
