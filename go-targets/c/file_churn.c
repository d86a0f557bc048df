// file_churn: a file-heavy program for the host benchmark. In the directory preopened as fd 3 it
// writes 1,000 files of 1 KiB, reads each back, renames each, lists the directory, and removes
// them, through wasi-libc's ordinary calls. Prints "files N bytes M" and exits 0 when every step
// did what it should, 1 otherwise.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FILES 1000
#define SIZE 1024

int main(void) {
  static char buf[SIZE], back[SIZE];
  char name[64], renamed[64];
  long total = 0;
  for (int i = 0; i < SIZE; i++) buf[i] = (char)('a' + i % 26);
  for (int i = 0; i < FILES; i++) {
    snprintf(name, sizeof name, "/sandbox/f%04d.txt", i);
    int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0 || write(fd, buf, SIZE) != SIZE) return 1;
    close(fd);
  }
  for (int i = 0; i < FILES; i++) {
    snprintf(name, sizeof name, "/sandbox/f%04d.txt", i);
    int fd = open(name, O_RDONLY);
    if (fd < 0 || read(fd, back, SIZE) != SIZE || memcmp(buf, back, SIZE) != 0) return 1;
    total += SIZE;
    close(fd);
  }
  for (int i = 0; i < FILES; i++) {
    snprintf(name, sizeof name, "/sandbox/f%04d.txt", i);
    snprintf(renamed, sizeof renamed, "/sandbox/g%04d.txt", i);
    if (rename(name, renamed) != 0) return 1;
  }
  DIR *d = opendir("/sandbox");
  if (!d) return 1;
  int listed = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == 'g') listed++;
  }
  closedir(d);
  for (int i = 0; i < FILES; i++) {
    snprintf(renamed, sizeof renamed, "/sandbox/g%04d.txt", i);
    if (unlink(renamed) != 0) return 1;
  }
  printf("files %d bytes %ld\n", listed, total);
  return listed == FILES ? 0 : 1;
}
