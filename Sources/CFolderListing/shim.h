// The two Linux calls the build cache's input check needs that Swift's Glibc module does not export:
// reading a folder's entries with their types from a descriptor (getdents64), and the type of the file
// system a descriptor is on (fstatfs' f_type).
#ifndef C_FOLDER_LISTING_SHIM_H
#define C_FOLDER_LISTING_SHIM_H
#ifdef __linux__
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

/// getdents64(2) on the open folder `descriptor`: `struct linux_dirent64` records into `buffer`; the number
/// of bytes written, 0 at the end of the folder, -1 with errno set.
static inline long pa_read_folder_entries(int descriptor, void *buffer, unsigned long size) {
    return syscall(SYS_getdents64, descriptor, buffer, size);
}

/// The `f_type` magic number of the file system `descriptor` (any descriptor, O_PATH too) is on, or -1 with
/// errno set.
static inline long long pa_file_system_type(int descriptor) {
    struct statfs status;
    if (fstatfs(descriptor, &status) != 0) return -1;
    return (long long)status.f_type;
}
#endif
#endif
