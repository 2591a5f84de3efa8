'use strict';

const http = require('http');
const { parse } = require('url');

// Routes requests to handlers by method and path.
class Router {
  constructor() {
    this.routes = new Map();
  }

  add(method, path, handler) {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  #key(req) {
    return `${req.method} ${parse(req.url).pathname}`;
  }

  handle(req, res) {
    const handler = this.routes.get(this.#key(req));
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    handler(req, res);
  }
}

const notFound = (req, res) => {
  res.statusCode = 404;
  res.end();
};

function listen(router, port) {
  return http.createServer((req, res) => router.handle(req, res)).listen(port);
}

Router.prototype.toString = function () {
  return `Router(${this.routes.size})`;
};

export default function createRouter() {
  return new Router();
}

module.exports = { Router, listen, notFound };
