package dev.oncell.search.internal.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small multi-language repository for tests, written into a folder. */
final class SampleRepo {

  static final String AUTH = "src/api/auth/middleware.ts";
  static final String USERS = "src/api/users/handler.py";
  static final String SERVER = "src/server/http_server.go";
  static final String INVOICE = "src/main/java/com/acme/billing/InvoiceService.java";
  static final String INVOICE_TEST = "src/test/java/com/acme/billing/InvoiceServiceTest.java";

  private SampleRepo() {}

  static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /**
   * Writes the repository; returns the number of files that should be indexed (the two .gitignore
   * files are text and count).
   */
  static int create(Path root) throws IOException {
    write(
        root,
        AUTH,
        """
        import { Request, Response, NextFunction } from "express";
        import jwt from "jsonwebtoken";

        export class AuthMiddleware {
          constructor(private readonly secret: string) {}

          verifyToken(token: string): Claims {
            const claims = jwt.verify(token, this.secret) as Claims;
            if (claims.exp * 1000 < Date.now()) {
              throw new UnauthorizedError("token expired");
            }
            return claims;
          }

          handle(req: Request, res: Response, next: NextFunction) {
            const header = req.headers["authorization"] ?? "";
            const token = header.replace(/^Bearer /, "");
            req.user = this.verifyToken(token);
            next();
          }
        }
        """);
    write(
        root,
        USERS,
        """
        from dataclasses import dataclass


        @dataclass
        class User:
            id: int
            email: str


        class UserRepository:
            def __init__(self, db):
                self.db = db

            def list_users(self, limit=50):
                return [User(**row) for row in self.db.query("select id, email from users", limit)]

            def find_by_email(self, email):
                return self.db.first("select id, email from users where email = ?", email)
        """);
    write(
        root,
        SERVER,
        """
        package server

        import (
        \t"net/http"
        \t"time"
        )

        type HTTPServer struct {
        \taddr    string
        \ttimeout time.Duration
        }

        func (s *HTTPServer) ListenAndServe(handler http.Handler) error {
        \tsrv := &http.Server{Addr: s.addr, Handler: handler, ReadTimeout: s.timeout}
        \treturn srv.ListenAndServe()
        }
        """);
    write(
        root,
        INVOICE,
        """
        package com.acme.billing;

        import java.math.BigDecimal;
        import java.util.List;

        /** Computes invoice totals with line items, discounts and tax. */
        public final class InvoiceService {

          public BigDecimal computeTotal(List<LineItem> items, DiscountCode discount) {
            BigDecimal subtotal = BigDecimal.ZERO;
            for (LineItem item : items) {
              subtotal = subtotal.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
            }
            BigDecimal discounted = applyDiscount(subtotal, discount);
            return discounted.add(tax(discounted));
          }

          BigDecimal applyDiscount(BigDecimal subtotal, DiscountCode discount) {
            if (discount == null) {
              return subtotal;
            }
            return subtotal.subtract(subtotal.multiply(discount.percent()).movePointLeft(2));
          }

          BigDecimal tax(BigDecimal amount) {
            return amount.multiply(new BigDecimal("0.20"));
          }
        }
        """);
    write(
        root,
        INVOICE_TEST,
        """
        package com.acme.billing;

        import static org.assertj.core.api.Assertions.assertThat;

        class InvoiceServiceTest {
          @Test
          void computeTotalAppliesDiscountBeforeTax() {
            InvoiceService service = new InvoiceService();
            assertThat(service.computeTotal(List.of(), null)).isZero();
          }
        }
        """);
    write(
        root,
        "README.md",
        """
        # Acme

        The API checks every request with the auth middleware before it reaches a handler.
        Invoices are computed by the billing service.
        """);
    write(
        root,
        "CHANGELOG.md",
        """
        # Changelog

        ## 1.2.0
        - Authentication middleware: verifyToken rejects expired tokens.
        - Invoice totals apply the discount before tax.
        """);
    write(root, ".gitignore", "dist/\n*.log\n");
    write(
        root,
        "dist/bundle.js",
        "class AuthMiddleware{verifyToken(t){return jwt.verify(t)}}authentication middleware\n");
    write(root, "debug.log", "authentication middleware failed\n");
    write(root, "src/api/.gitignore", "generated/\n");
    write(root, "src/api/generated/client.ts", "export class AuthMiddlewareClient {}\n");
    Files.write(root.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
    write(root, "data/big.txt", "authentication middleware\n".repeat(50_000));
    return 9;
  }
}
