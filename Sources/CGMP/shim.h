#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H
#include <gmp.h>

// GMP spells these as function-like macros, which Swift cannot import.
static inline int cgmp_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline int cgmp_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline mpz_ptr cgmp_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr cgmp_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline mpz_srcptr cgmp_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr cgmp_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }
/// Number of limbs in use, for hashing.
static inline int cgmp_mpz_size(mpz_srcptr z) { return z->_mp_size; }
static inline mp_limb_t cgmp_mpz_limb(mpz_srcptr z, int i) { return z->_mp_d[i]; }
#endif
