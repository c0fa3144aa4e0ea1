/* The host tests' stand-in for the generated table of embedded guest images. */
#include "guest_image.h"

static const u8 hello_bytes[64] = {1, 2, 3};
const struct guest_image guest_images[] = {{"hello", hello_bytes, sizeof(hello_bytes)}};
const unsigned guest_image_count = 1;
