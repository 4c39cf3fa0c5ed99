#include <stdio.h>

#include "greet.h"
#include "version.h"

int main(void)
{
	printf("%s %s\n", greet(), VERSION);
	return 0;
}
