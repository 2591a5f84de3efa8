import { Request, Response, NextFunction } from "express";
import jwt from "jsonwebtoken";

/** Claims carried by an access token. */
export interface TokenClaims {
  sub: string;
  roles: string[];
  exp: number;
}

export type Role = "admin" | "user" | "guest";

export enum AuthError {
  Missing = "missing",
  Expired = "expired",
  Invalid = "invalid",
}

/**
 * Checks the bearer token of each request.
 */
@Injectable()
export class AuthMiddleware {
  private readonly secret: string;

  constructor(secret: string, private readonly clock: () => number = Date.now) {
    this.secret = secret;
  }

  /** Verifies a token and returns its claims. */
  verifyToken(token: string): TokenClaims {
    const claims = jwt.verify(token, this.secret) as TokenClaims;
    if (claims.exp * 1000 < this.clock()) {
      throw new Error(AuthError.Expired);
    }
    return claims;
  }

  handle = (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      res.status(401).send(AuthError.Missing);
      return;
    }
    try {
      (req as any).claims = this.verifyToken(header.slice(7));
      next();
    } catch (e) {
      res.status(401).send(AuthError.Invalid);
    }
  };
}

export const hasRole = (claims: TokenClaims, role: Role): boolean => {
  return claims.roles.includes(role);
};

export function requireRole(role: Role) {
  return (req: Request, res: Response, next: NextFunction) => {
    const claims = (req as any).claims as TokenClaims | undefined;
    if (!claims || !hasRole(claims, role)) {
      res.status(403).end();
      return;
    }
    next();
  };
}

export namespace Tokens {
  export function decode(token: string): unknown {
    return jwt.decode(token);
  }
}

export default AuthMiddleware;
