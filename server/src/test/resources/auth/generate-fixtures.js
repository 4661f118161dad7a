// One-off generator for the auth test fixtures (node 20, jsonwebtoken 9.0.3):
//   mkdir jwtgen && cd jwtgen && npm init -y && npm install jsonwebtoken@9 && mkdir out && node generate-fixtures.js
// The PEM files here are its output; the tokens it prints to out/tokens.json are embedded as constants
// in the tests. Keys are freshly generated on each run, so regenerate tokens and PEMs together.
// The trailing loop prints jsonwebtoken's error name/message per bad input, the reference for the
// messages AuthEngine.verify reproduces.
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const fs = require('fs');
const out = (n, s) => fs.writeFileSync('out/' + n, s);
const KEY = 'testkey';
const t = {};
t.hsFarFuture = jwt.sign({username: 'bob', iat: 1700000000, exp: 4102444800}, KEY);
t.hsExpired = jwt.sign({username: 'bob', iat: 1500000000, exp: 1500086400}, KEY);
t.hsDefaultExpiry = jwt.sign({username: 'bob', iat: 1700000000}, KEY, {expiresIn: 86400});
t.hsNotBefore = jwt.sign({username: 'bob', iat: 1700000000, nbf: 4102444800, exp: 4102531200}, KEY);
t.hs512 = jwt.sign({username: 'bob', iat: 1700000000, exp: 4102444800}, KEY, {algorithm: 'HS512'});
t.hsNested = jwt.sign({username: 'bob', roles: ['a', 'b'], meta: {n: 1.5, ok: true, none: null}, iat: 1700000000, exp: 4102444800}, KEY);
const rsa = crypto.generateKeyPairSync('rsa', {modulusLength: 2048});
out('rsa-private-pkcs8.pem', rsa.privateKey.export({type: 'pkcs8', format: 'pem'}));
out('rsa-private-pkcs1.pem', rsa.privateKey.export({type: 'pkcs1', format: 'pem'}));
out('rsa-public-spki.pem', rsa.publicKey.export({type: 'spki', format: 'pem'}));
out('rsa-public-pkcs1.pem', rsa.publicKey.export({type: 'pkcs1', format: 'pem'}));
t.rs256 = jwt.sign({username: 'bob', iat: 1700000000, exp: 4102444800}, rsa.privateKey, {algorithm: 'RS256'});
t.ps256 = jwt.sign({username: 'bob', iat: 1700000000, exp: 4102444800}, rsa.privateKey, {algorithm: 'PS256'});
const ec = crypto.generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
out('ec-private-pkcs8.pem', ec.privateKey.export({type: 'pkcs8', format: 'pem'}));
out('ec-private-sec1.pem', ec.privateKey.export({type: 'sec1', format: 'pem'}));
out('ec-public-spki.pem', ec.publicKey.export({type: 'spki', format: 'pem'}));
t.es256 = jwt.sign({username: 'bob', iat: 1700000000, exp: 4102444800}, ec.privateKey, {algorithm: 'ES256'});
out('tokens.json', JSON.stringify(t, null, 2));
// Reference messages for error mapping.
const tries = {empty: '', abc: 'abc', abc3: 'a.b.c', rnd: crypto.randomBytes(24).toString('base64'),
  none: jwt.sign({username: 'bob'}, null, {algorithm: 'none'}), wrongKey: t.hsFarFuture,
  expired: t.hsExpired, nbf: t.hsNotBefore, rsOnHs: t.rs256,
  confusion: jwt.sign({username: 'bob'}, 'x', {algorithm: 'HS256'}).split('.')[0] + '.x.y',
  unsigned: t.hsFarFuture.split('.').slice(0, 2).join('.') + '.'};
for (const [k, v] of Object.entries(tries)) {
  const key = k === 'wrongKey' ? 'otherkey' : KEY;
  try { jwt.verify(v, key, {algorithms: ['HS256', 'HS384', 'HS512']}); console.log(k, 'OK'); }
  catch (e) { console.log(k, JSON.stringify(v), e.name, JSON.stringify(e.message), e.expiredAt ? JSON.stringify(e.expiredAt) : '', e.date ? JSON.stringify(e.date) : ''); }
}
