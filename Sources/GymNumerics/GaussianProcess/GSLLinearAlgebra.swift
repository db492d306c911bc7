@preconcurrency import CGSL

/// Dense linear algebra on row-major Swift arrays, delegated to GSL
/// (`gsl_linalg` Cholesky, CBLAS triangular solves). The arrays are viewed in
/// place with `gsl_matrix_view_array`, so no copies cross the boundary.
enum GSLLinearAlgebra {
    /// GSL's default error handler aborts the process; a matrix that is not
    /// positive definite must instead come back as an error code the GP can
    /// handle (more jitter). Turned off once, before the first GSL call.
    static let errorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// Lower Cholesky factor of the symmetric n×n matrix `a` in place (the
    /// strict upper triangle is zeroed). Returns false when `a` is not
    /// numerically positive definite.
    static func choleskyInPlace(_ a: inout [Double], _ n: Int) -> Bool {
        _ = errorHandlerOff
        let status = a.withUnsafeMutableBufferPointer { p -> Int32 in
            var view = gsl_matrix_view_array(p.baseAddress, n, n)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        guard status == GSL_SUCCESS else { return false }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { a[i * n + j] = 0 } }
        return true
    }

    /// Solves `L x = b` (or `Lᵀ x = b` with `transpose`) in place for lower-triangular `L`.
    static func solveTriangular(_ l: [Double], _ n: Int, _ b: inout [Double], transpose: Bool = false) {
        guard n > 0 else { return }
        l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { bp in
                var lv = gsl_matrix_const_view_array(lp.baseAddress, n, n)
                var bv = gsl_vector_view_array(bp.baseAddress, n)
                gsl_blas_dtrsv(CblasLower, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit, &lv.matrix, &bv.vector)
            }
        }
    }

    /// Solves `L X = B` in place for an n×m row-major `B` (all columns at once, BLAS-3).
    static func solveTriangular(_ l: [Double], _ n: Int, columns b: inout [Double], _ m: Int) {
        guard n > 0, m > 0 else { return }
        l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { bp in
                var lv = gsl_matrix_const_view_array(lp.baseAddress, n, n)
                var bv = gsl_matrix_view_array(bp.baseAddress, n, m)
                gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1, &lv.matrix, &bv.matrix)
            }
        }
    }

    /// `(L Lᵀ)⁻¹ b`: two triangular solves.
    static func choleskySolve(_ l: [Double], _ n: Int, _ b: [Double]) -> [Double] {
        var x = b
        solveTriangular(l, n, &x)
        solveTriangular(l, n, &x, transpose: true)
        return x
    }

    /// The full symmetric inverse `(L Lᵀ)⁻¹` from the Cholesky factor.
    static func choleskyInverse(_ l: [Double], _ n: Int) -> [Double] {
        var inv = l
        inv.withUnsafeMutableBufferPointer { p in
            var view = gsl_matrix_view_array(p.baseAddress, n, n)
            _ = gsl_linalg_cholesky_invert(&view.matrix)
        }
        return inv
    }
}
