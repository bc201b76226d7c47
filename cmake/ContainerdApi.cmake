# Finds containerd's API protos and generates C++/gRPC stubs for them in the build tree.
# The protos import each other as "github.com/containerd/containerd/api/...", so they are
# staged under that path; google/rpc/status.proto comes from gogo's googleapis copy.

set(STRATA_GOCODE_DIR "/usr/share/gocode/src" CACHE PATH "Root of Debian's Go sources (golang-github-containerd-containerd-dev)")
set(STRATA_CONTAINERD_API_DIR "${STRATA_GOCODE_DIR}/github.com/containerd/containerd/api"
    CACHE PATH "containerd's api/ directory (a containerd checkout's api/ works too)")
set(STRATA_GOOGLEAPIS_DIR "${STRATA_GOCODE_DIR}/github.com/gogo/googleapis"
    CACHE PATH "Directory holding google/rpc/status.proto")

if(NOT EXISTS "${STRATA_CONTAINERD_API_DIR}/services/snapshots/v1/snapshots.proto")
    message(FATAL_ERROR "containerd API protos not found in ${STRATA_CONTAINERD_API_DIR}. "
        "Install golang-github-containerd-containerd-dev (scripts/install-deps.sh does) "
        "or pass -DSTRATA_CONTAINERD_API_DIR=<containerd checkout>/api")
endif()
if(NOT EXISTS "${STRATA_GOOGLEAPIS_DIR}/google/rpc/status.proto")
    message(FATAL_ERROR "google/rpc/status.proto not found under ${STRATA_GOOGLEAPIS_DIR}; "
        "set -DSTRATA_GOOGLEAPIS_DIR")
endif()

find_program(STRATA_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

set(_api_rel
    types/descriptor types/mount types/platform types/metrics types/task/task
    services/version/v1/version
    services/namespaces/v1/namespace
    services/introspection/v1/introspection
    services/images/v1/images
    services/content/v1/content
    services/snapshots/v1/snapshots
    services/diff/v1/diff
    services/containers/v1/containers
    services/tasks/v1/tasks
    services/events/v1/events
    services/leases/v1/leases
    events/container events/content events/image events/namespace events/snapshot events/task)

set(_stage "${CMAKE_BINARY_DIR}/proto")
set(_gen "${CMAKE_BINARY_DIR}/proto-gen")
set(_prefix "github.com/containerd/containerd/api")
set(STRATA_PROTO_SOURCES "")

# Stage every proto first: protoc needs a file's imports on disk, so each generation step
# depends on the whole staged set.
set(_staged_all "")
set(_rels "")
function(_strata_stage in rel)
    set(staged "${_stage}/${rel}.proto")
    add_custom_command(OUTPUT "${staged}"
        COMMAND ${CMAKE_COMMAND} -DIN=${in} -DOUT=${staged} -P "${PROJECT_SOURCE_DIR}/cmake/StripGogo.cmake"
        DEPENDS "${in}" "${PROJECT_SOURCE_DIR}/cmake/StripGogo.cmake"
        COMMENT "Staging ${rel}.proto" VERBATIM)
    set(_staged_all ${_staged_all} "${staged}" PARENT_SCOPE)
    set(_rels ${_rels} "${rel}" PARENT_SCOPE)
endfunction()

foreach(r IN LISTS _api_rel)
    _strata_stage("${STRATA_CONTAINERD_API_DIR}/${r}.proto" "${_prefix}/${r}")
endforeach()
_strata_stage("${STRATA_GOOGLEAPIS_DIR}/google/rpc/status.proto" "google/rpc/status")

set(STRATA_PROTO_SOURCES "")
foreach(rel IN LISTS _rels)
    set(outs "${_gen}/${rel}.pb.cc" "${_gen}/${rel}.pb.h")
    # Only service protos yield gRPC stubs worth compiling.
    if(rel MATCHES "/services/")
        list(APPEND outs "${_gen}/${rel}.grpc.pb.cc" "${_gen}/${rel}.grpc.pb.h")
        set(grpc_args --grpc_out=${_gen} --plugin=protoc-gen-grpc=${STRATA_GRPC_CPP_PLUGIN})
    else()
        set(grpc_args "")
    endif()
    add_custom_command(OUTPUT ${outs}
        COMMAND ${CMAKE_COMMAND} -E make_directory "${_gen}"
        COMMAND protobuf::protoc -I${_stage} -I/usr/include --cpp_out=${_gen} ${grpc_args} "${_stage}/${rel}.proto"
        DEPENDS ${_staged_all} protobuf::protoc
        COMMENT "Generating C++ for ${rel}.proto" VERBATIM)
    list(APPEND STRATA_PROTO_SOURCES ${outs})
endforeach()

add_library(strata_proto STATIC ${STRATA_PROTO_SOURCES})
target_include_directories(strata_proto PUBLIC "${_gen}")
target_link_libraries(strata_proto PUBLIC protobuf::libprotobuf PkgConfig::GRPCPP)
set_target_properties(strata_proto PROPERTIES AUTOMOC OFF POSITION_INDEPENDENT_CODE ON)
# Generated code is not ours to keep warning-free.
target_compile_options(strata_proto PRIVATE -w)
