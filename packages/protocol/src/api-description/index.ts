export { asyncApiDocument, frameTypes, sockets } from './asyncapi.ts';
export { type HttpRoute, httpRoutes } from './http-routes.ts';
export { openApiDocument } from './openapi.ts';
