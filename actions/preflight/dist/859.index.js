export const id = 859;
export const ids = [859];
export const modules = {

/***/ 41859:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Configuration = exports.setServerVariables = exports.createConfiguration = void 0;
__exportStar(__webpack_require__(80350), exports);
__exportStar(__webpack_require__(63658), exports);
__exportStar(__webpack_require__(18697), exports);
var configuration_1 = __webpack_require__(36541);
Object.defineProperty(exports, "createConfiguration", ({ enumerable: true, get: function () { return configuration_1.createConfiguration; } }));
var configuration_2 = __webpack_require__(36541);
Object.defineProperty(exports, "setServerVariables", ({ enumerable: true, get: function () { return configuration_2.setServerVariables; } }));
var configuration_3 = __webpack_require__(36541);
Object.defineProperty(exports, "Configuration", ({ enumerable: true, get: function () { return configuration_3.Configuration; } }));
__exportStar(__webpack_require__(15146), exports);
__exportStar(__webpack_require__(9735), exports);
//# sourceMappingURL=index.js.map

/***/ })

};
