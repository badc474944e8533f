# The corpus_index fixture of ctest: a fresh index of corpus/*.txt made once per run with the real
# `guihua ingest`, read by the tests that declare FIXTURES_REQUIRED corpus_index ($GUIHUA_CORPUS_INDEX).
# cmake -DGUIHUA=<binary> -DSOURCE=<repo> -DDB=<dir> [-DCLEAN=1] -P corpus_index.cmake
file(REMOVE_RECURSE "${DB}")
if(CLEAN)
  return()
endif()
file(GLOB files "${SOURCE}/corpus/*.txt")
list(SORT files)
execute_process(COMMAND "${GUIHUA}" --rules "${SOURCE}/rules" ingest ${files} --db "${DB}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "guihua ingest of the corpus into ${DB} failed (${rc})")
endif()
