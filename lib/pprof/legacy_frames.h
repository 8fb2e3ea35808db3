// legacy_frames.h: the drop_frames / keep_frames patterns Go's pprof gives legacy profiles, which carry none
// of their own (profile/legacy_profile.go addLegacyFrameInfo): the allocator's frames in heap profiles, the
// profiler's signal handler in CPU profiles. prune.h applies them once the frames have names.
#pragma once

namespace flamekit::pprof {

inline constexpr const char* kAllocDropFrames =
    "calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|"
    "tcmalloc::.*|tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|tc_posix_memalign|tc_pvalloc|tc_valloc|"
    "tc_realloc|tc_new|tc_delete|tc_newarray|tc_deletearray|tc_new_nothrow|tc_newarray_nothrow|"
    "malloc_zone_malloc|malloc_zone_calloc|malloc_zone_valloc|malloc_zone_realloc|malloc_zone_memalign|"
    "malloc_zone_free|"
    "runtime\\..*|"
    "BaseArena::.*|(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|DoSampledAllocation|"
    "MallocedMemBlock::MallocedMemBlock|_M_allocate|__builtin_(vec_)?delete|__builtin_(vec_)?new|"
    "__gnu_cxx::new_allocator::allocate|__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|"
    "operator new(\\[\\])?|simple_alloc::allocate";

inline constexpr const char* kAllocKeepFrames = "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";

inline constexpr const char* kCpuProfilerDropFrames =
    "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|__pthread_sighandler|__restore";

}  // namespace flamekit::pprof
