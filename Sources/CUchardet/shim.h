#include <uchardet/uchardet.h>
#include <iconv.h>
