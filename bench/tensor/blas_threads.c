// Measures OpenBLAS dgemm with 1 and 2 threads for square and skinny shapes, to choose
// MelixNumerics' BLAS.threadThreshold. Build and run:
//   gcc -O2 blas_threads.c -o /tmp/blas_threads -lopenblas && /tmp/blas_threads
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
int main(){
  int shapes[][3]={{1797,64,10},{1797,10,64},{64,1797,10},{32,32,32},{64,64,64},{96,96,96},{128,128,128},{160,160,160},{192,192,192},{256,256,256},{512,64,64},{1000,100,10}};
  for(int s=0;s<12;s++){int m=shapes[s][0],k=shapes[s][1],n=shapes[s][2];
    double*a=malloc(8*m*k),*b=malloc(8*k*n),*c=malloc(8*m*n);
    for(int i=0;i<m*k;i++)a[i]=i%7;for(int i=0;i<k*n;i++)b[i]=i%5;
    double r[2];
    for(int th=1;th<=2;th++){openblas_set_num_threads(th);double ts[101];
      for(int rep=0;rep<101;rep++){double t=now();cblas_dgemm(CblasRowMajor,CblasNoTrans,CblasNoTrans,m,n,k,1,a,k,b,n,0,c,n);ts[rep]=now()-t;}
      qsort(ts,101,8,cmp);r[th-1]=ts[50];}
    printf("m=%d k=%d n=%d mnk=%d: 1 thread %.1f us, 2 threads %.1f us, speedup %.2f\n",m,k,n,m*n*k,r[0]*1e6,r[1]*1e6,r[0]/r[1]);
  }
}
