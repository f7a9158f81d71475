// Behaviour of report.html (inlined into the page by pipeline/report.py).

(function(){
'use strict';
var DATA=JSON.parse(document.getElementById('vn-data').textContent), EV=DATA.events;
var MON=['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
var $=function(id){return document.getElementById(id);};
var SVGNS='http://www.w3.org/2000/svg';
// Days since 1970-01-01 in the proleptic Gregorian calendar, astronomical years (0 = 1 BC).
function dayNum(y,m,d){y-=m<=2?1:0;var era=Math.floor(y/400),yoe=y-era*400,mp=(m+9)%12;
  var doy=Math.floor((153*mp+2)/5)+d-1,doe=yoe*365+Math.floor(yoe/4)-Math.floor(yoe/100)+doy;return era*146097+doe-719468;}
function civil(z){z+=719468;var era=Math.floor(z/146097),doe=z-era*146097;
  var yoe=Math.floor((doe-Math.floor(doe/1460)+Math.floor(doe/36524)-Math.floor(doe/146096))/365);
  var doy=doe-(365*yoe+Math.floor(yoe/4)-Math.floor(yoe/100)),mp=Math.floor((5*doy+2)/153);
  var d=doy-Math.floor((153*mp+2)/5)+1,m=mp<10?mp+3:mp-9;return [yoe+era*400+(m<=2?1:0),m,d];}
function pad(n,w){var s=String(Math.abs(n));while(s.length<w)s='0'+s;return (n<0?'-':'')+s;}
function iso(z){var c=civil(z);return pad(c[0],4)+'-'+pad(c[1],2)+'-'+pad(c[2],2);}
function yearLabel(y){return y<=0?(1-y)+' BC':String(y);}
function parseDay(s){if(!s)return null;var neg=s.charAt(0)==='-',p=(neg?s.slice(1):s).split('-');
  if(p.length!==3)return null;return dayNum((neg?-1:1)*parseInt(p[0],10),+p[1],+p[2]);}
// A filter bound: YYYY, YYYY-MM or YYYY-MM-DD (leading '-' for astronomical years); NaN when malformed.
function parseBound(s,end){s=s.trim();if(!s)return null;var neg=s.charAt(0)==='-',p=(neg?s.slice(1):s).split('-');
  if(p.length>3||!p.every(function(x){return /^[0-9]+$/.test(x);})||p[0].length>6)return NaN;
  var y=(neg?-1:1)*parseInt(p[0],10),m=p.length>1?+p[1]:0,d=p.length>2?+p[2]:0;
  if(p.length>1&&(m<1||m>12))return NaN;
  if(p.length===1)return end?dayNum(y+1,1,1)-1:dayNum(y,1,1);
  var last=dayNum(m===12?y+1:y,m===12?1:m+1,1)-1;
  if(p.length===2)return end?last:dayNum(y,m,1);
  if(d<1||dayNum(y,m,d)>last)return NaN;return dayNum(y,m,d);}
function plain(s){return s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').replace(/\u0111/g,'d').replace(/\u0110/g,'D').toLowerCase();}
function matcher(q){q=q.trim().normalize('NFC').toLowerCase();if(!q)return null;
  if(plain(q)!==q)return function(n){return n.normalize('NFC').toLowerCase().indexOf(q)>=0;};
  return function(n){return plain(n).indexOf(q)>=0;};}
// s0, s1 sort an undated event the text orders against a dated one (oa, ob) beside it
EV.forEach(function(e){e.k0=parseDay(e.a);e.k1=parseDay(e.b);
  e.s0=e.k0!==null?e.k0:parseDay(e.oa);e.s1=e.k1!==null?e.k1:parseDay(e.ob);});
var rows={};Array.prototype.forEach.call(document.querySelectorAll('#events tbody tr'),function(tr){rows[tr.dataset.i]=tr;});
var state={from:null,to:null},visible=EV.slice(),selected=null;

// ---- filters ----
function readFilters(){
  var t=$('f-type').value,m=matcher($('f-entity').value);
  var a=parseBound($('f-from').value,false),b=parseBound($('f-to').value,true);
  $('f-from').classList.toggle('bad',a!==a);$('f-to').classList.toggle('bad',b!==b);
  state.from=a===a?a:null;state.to=b===b?b:null;
  return function(e){
    if(t&&e.type!==t&&e.type.split('.')[0]!==t)return false;
    if(m&&!e.names.some(m))return false;
    if(state.from!==null||state.to!==null){if(e.k0===null)return false;
      if(state.from!==null&&e.k1<state.from)return false;if(state.to!==null&&e.k0>state.to)return false;}
    return true;};
}
function apply(){
  var pass=readFilters();visible=EV.filter(pass);var on={};visible.forEach(function(e){on[e.i]=1;});
  EV.forEach(function(e){rows[e.i].hidden=!on[e.i];});
  $('shown').textContent=visible.length;$('no-match').hidden=visible.length>0;
  drawTimeline();writeHash();
}
function writeHash(){var p=[];[['type','f-type'],['entity','f-entity'],['from','f-from'],['to','f-to']].forEach(function(k){
  var v=$(k[1]).value.trim();if(v)p.push(k[0]+'='+encodeURIComponent(v));});
  try{history.replaceState(null,'',p.length?'#'+p.join('&'):location.pathname+location.search);}catch(err){}}
function readHash(){location.hash.replace(/^#/,'').split('&').forEach(function(kv){var i=kv.indexOf('=');if(i<0)return;
  var id={type:'f-type',entity:'f-entity',from:'f-from',to:'f-to'}[kv.slice(0,i)];
  if(id){try{$(id).value=decodeURIComponent(kv.slice(i+1));}catch(err){}}});}
['f-type','f-entity','f-from','f-to'].forEach(function(id){$(id).addEventListener('input',apply);$(id).addEventListener('change',apply);});
$('f-clear').addEventListener('click',function(){['f-type','f-entity','f-from','f-to'].forEach(function(id){$(id).value='';});apply();});
Array.prototype.forEach.call(document.querySelectorAll('.pick'),function(b){b.addEventListener('click',function(){
  if(b.dataset.type){$('f-type').value=b.dataset.type;}if(b.dataset.entity){$('f-entity').value=b.dataset.entity;}
  apply();$('explore').scrollIntoView({block:'start'});});});

// ---- sorting ----
var coll=new Intl.Collator('vi',{sensitivity:'base',numeric:true});
function sortBy(key,dir){
  var list=EV.slice();
  list.sort(function(x,y){var r=0;
    if(key==='date'){var a=x.s0===null?Infinity:x.s0,b=y.s0===null?Infinity:y.s0;r=a===b?0:(a<b?-1:1);
      if(!r){a=x.s1===null?Infinity:x.s1;b=y.s1===null?Infinity:y.s1;r=a===b?0:(a<b?-1:1);}}
    else r=coll.compare(String(x[key]||''),String(y[key]||''));
    return r*dir||x.i-y.i;});
  var body=document.querySelector('#events tbody');list.forEach(function(e){body.appendChild(rows[e.i]);});
  Array.prototype.forEach.call(document.querySelectorAll('#events th'),function(th){
    if(th.dataset.sort===key)th.setAttribute('aria-sort',dir>0?'ascending':'descending');else th.removeAttribute('aria-sort');});
}
Array.prototype.forEach.call(document.querySelectorAll('#events th'),function(th){th.addEventListener('click',function(){
  sortBy(th.dataset.sort,th.getAttribute('aria-sort')==='ascending'?-1:1);});});

// ---- selection: table row, trigger in the text, bar on the timeline ----
function select(i,from){
  var e=EV[i];if(!e)return;selected=i;
  Array.prototype.forEach.call(document.querySelectorAll('.sel'),function(n){n.classList.remove('sel');});
  Array.prototype.forEach.call(document.querySelectorAll('.flash'),function(n){n.classList.remove('flash');});
  rows[i].classList.add('sel');
  var bar=document.querySelector('#timeline .ev[data-i="'+i+'"]');if(bar)bar.classList.add('sel');
  var det=$('doc'+e.d);if(det&&!det.open)det.open=true;
  Array.prototype.forEach.call(document.querySelectorAll('[data-ev="'+CSS.escape(e.d+':'+e.id)+'"]'),function(n){n.classList.add('sel');});
  var parts=document.querySelectorAll('[data-s="'+CSS.escape(e.s)+'"]');
  Array.prototype.forEach.call(parts,function(n){void n.offsetWidth;n.classList.add('flash');});
  if(from==='text'){if(!rows[i].hidden)rows[i].scrollIntoView({block:'nearest'});}
  else if(parts.length){back=from;parts[0].scrollIntoView({block:'center'});$('back').hidden=!stacked.matches;}
}
// On a narrow screen the text is far below the table: offer the way back.
var back=null,stacked=window.matchMedia('(max-width:1100px)');
$('back').addEventListener('click',function(){$('back').hidden=true;
  var target=back==='timeline'?$('timeline'):rows[selected];if(target)target.scrollIntoView({block:'center'});});
Object.keys(rows).forEach(function(i){var tr=rows[i];tr.addEventListener('click',function(){select(+i,'table');});
  tr.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();select(+i,'table');}});});
var byKey={};EV.forEach(function(e){byKey[e.d+':'+e.id]=e.i;});
Array.prototype.forEach.call(document.querySelectorAll('mark.tg'),function(m){function go(){var i=byKey[m.dataset.ev];if(i!==undefined)select(i,'text');}
  m.addEventListener('click',go);m.addEventListener('keydown',function(ev){if(ev.key==='Enter'){go();}});});

// ---- tooltip ----
var tip=$('tip');
function showTip(el){var t=el.getAttribute('data-tip');if(!t){tip.hidden=true;return;}tip.textContent=t;tip.hidden=false;
  var r=el.getBoundingClientRect(),w=tip.offsetWidth,h=tip.offsetHeight;
  var x=Math.max(4,Math.min(r.left,window.innerWidth-w-4)),y=r.bottom+6;if(y+h>window.innerHeight-4)y=Math.max(4,r.top-h-6);
  tip.style.left=x+'px';tip.style.top=y+'px';}
document.addEventListener('mouseover',function(ev){var el=ev.target.closest?ev.target.closest('[data-tip]'):null;if(el)showTip(el);else tip.hidden=true;});
document.addEventListener('focusin',function(ev){var el=ev.target.closest?ev.target.closest('[data-tip]'):null;if(el)showTip(el);});
document.addEventListener('focusout',function(){tip.hidden=true;});
window.addEventListener('scroll',function(){tip.hidden=true;},true);

// ---- timeline ----
var STEPS=[[1,'d'],[2,'d'],[7,'w'],[1,'m'],[3,'m'],[6,'m'],[1,'y'],[2,'y'],[5,'y'],[10,'y'],[20,'y'],[25,'y'],[50,'y'],[100,'y'],[200,'y'],[500,'y'],[1000,'y'],[2000,'y'],[5000,'y']];
var UNIT={d:1,w:1,m:30.44,y:365.25},MINGAP={d:30,w:30,m:44,y:52};
function monthStart(y,m){while(m>12){m-=12;y++;}return dayNum(y,m,1);}
// Axis ticks for [lo, hi) over px pixels: the finest step whose labels do not collide.
// Each tick may carry the period its label names (zoom target) and a context label (month or year).
function ticks(lo,hi,px){
  var per=(hi-lo)/px,step=STEPS[STEPS.length-1];
  for(var k=0;k<STEPS.length;k++){if(STEPS[k][0]*UNIT[STEPS[k][1]]/per>=MINGAP[STEPS[k][1]]){step=STEPS[k];break;}}
  var n=step[0],u=step[1],out=[],c=civil(Math.floor(lo)),z,guard=0;
  if(u==='d'||u==='w'){z=Math.ceil(lo);z+=u==='w'?((4-z%7)%7+14)%7:((n-z%n)%n+n)%n;
    for(;z<=hi&&guard<400;z+=u==='w'?7:n,guard++){var cz=civil(z);
      out.push({z:z,label:String(cz[2]),span:null,ctx:MON[cz[1]-1]+' '+yearLabel(cz[0]),key:cz[0]*12+cz[1],
                cspan:[monthStart(cz[0],cz[1]),monthStart(cz[0],cz[1]+1)]});}}
  else if(u==='m'){var y=c[0],m=Math.ceil(c[1]/n)*n-n+1;
    for(;guard<400;guard++){z=dayNum(y,m,1);if(z>hi)break;
      if(z>=lo)out.push({z:z,label:MON[m-1],span:[z,monthStart(y,m+n)],ctx:yearLabel(y),key:y,cspan:[dayNum(y,1,1),dayNum(y+1,1,1)]});
      m+=n;if(m>12){m-=12;y++;}}}
  else{var yy=Math.ceil(c[0]/n)*n;if(dayNum(yy,1,1)<lo)yy+=n;
    for(;guard<400;yy+=n,guard++){z=dayNum(yy,1,1);if(z>hi)break;
      out.push({z:z,label:yearLabel(yy),span:[z,dayNum(yy+n,1,1)],ctx:'',key:0,cspan:null});}}
  return {unit:u,list:out};}
function el(name,attrs,parent){var n=document.createElementNS(SVGNS,name);for(var k in attrs)n.setAttribute(k,attrs[k]);if(parent)parent.appendChild(n);return n;}
function zoomLabel(node,span){if(!span)return;node.setAttribute('class',(node.getAttribute('class')||'')+' zl');
  node.addEventListener('click',function(){setRange(span[0],span[1]);});
  var t=el('title',{},node);t.textContent='zoom to '+node.textContent;}
var view=null;
function drawTimeline(){
  var box=$('timeline'),W=Math.max(280,box.clientWidth||800),M=12,dated=visible.filter(function(e){return e.k0!==null;});
  var undated=visible.length-dated.length;
  $('tl-note').textContent=dated.length+' dated event'+(dated.length===1?'':'s')+' on the timeline'+(undated?'; '+undated+' undated in the table only':'');
  box.textContent='';
  if(!dated.length){var p=document.createElement('p');p.className='nd';p.textContent='No dated event to place.';box.appendChild(p);view=null;return;}
  var lo=state.from,hi=state.to===null?null:state.to+1;
  var dlo=Math.min.apply(null,dated.map(function(e){return e.k0;})),dhi=Math.max.apply(null,dated.map(function(e){return e.k1+1;}));
  if(lo===null||hi===null){var padd=Math.max((dhi-dlo)*0.02,0.5);if(lo===null)lo=dlo-padd;if(hi===null)hi=dhi+padd;}
  if(hi-lo<7){var mid=(lo+hi)/2;lo=mid-3.5;hi=mid+3.5;}
  var x=function(z){return M+(z-lo)/(hi-lo)*(W-2*M);};
  // Greedy lanes: each bar goes to the first row where it does not touch the previous bar.
  var ROW=17,TOP=36,MAXROWS=80,ends=[],items=[],lanes=[];
  dated.slice().sort(function(a,b){return a.k0-b.k0||a.k1-b.k1||a.i-b.i;}).forEach(function(e){
    var x0=x(e.k0),x1=x(e.k1+1);if(x1<M-1||x0>W-M+1)return;x0=Math.max(x0,M-3);x1=Math.min(Math.max(x1,x0+6),W-M+3);
    var r=0;while(r<ends.length&&ends[r]>x0-2)r++;if(r>=MAXROWS)r=ends.indexOf(Math.min.apply(null,ends));
    ends[r]=Math.max(ends[r]===undefined?-Infinity:ends[r],x1);var it={e:e,x0:x0,x1:x1,r:r};items.push(it);(lanes[r]=lanes[r]||[]).push(it);});
  // A label goes right of its bar when there is room before the next bar of the row.
  // A label goes right of its bar when there is room before the next bar of the row, else left, else shortened.
  lanes.forEach(function(lane){lane.forEach(function(it,k){var t=it.e.trig,cw=6.4,need=t.length*cw;
    var right=(k+1<lane.length?lane[k+1].x0:W)-it.x1-8,left=it.x0-(k?lane[k-1].end:0)-8,room=Math.max(right,left);
    it.end=it.x1;it.label='';if(room<4*cw)return;it.onLeft=right<need&&left>right;
    it.label=room>=need?t:t.slice(0,Math.floor(room/cw)-1)+'…';
    if(!it.onLeft)it.end=it.x1+4+it.label.length*cw;});});
  if(ends.length>14)ROW=12;
  var H=TOP+Math.max(ends.length,1)*ROW+4,svg=el('svg',{width:W,height:H,viewBox:'0 0 '+W+' '+H,role:'img'});
  var defs=el('defs',{},svg),pats={},axis=el('g',{'class':'axis'},svg),prev=null;
  var tk=ticks(lo,hi,W-2*M);
  var fits=function(tx,text){return tx+3+text.length*6.5<=W;};
  tk.list.forEach(function(t){var tx=x(t.z);el('line',{'class':'grid',x1:tx,x2:tx,y1:28,y2:H},axis);
    if(fits(tx,t.label)){var lab=el('text',{x:tx+3,y:26},axis);lab.textContent=t.label;zoomLabel(lab,t.span);}
    if(t.ctx&&t.key!==prev&&fits(tx,t.ctx)){var c=el('text',{x:tx+3,y:11,'class':'ctx'},axis);c.textContent=t.ctx;zoomLabel(c,t.cspan);}prev=t.key;});
  if(tk.unit!=='y'&&!axis.querySelector('.ctx')){var c0=civil(Math.floor(lo)),ct=el('text',{x:M,y:11,'class':'ctx'},axis);
    ct.textContent=(tk.unit==='m'?'':MON[c0[1]-1]+' ')+yearLabel(c0[0]);}
  items.forEach(function(it){var e=it.e,y=TOP+it.r*ROW,g=el('g',{'class':'ev'+(e.i===selected?' sel':''),'data-i':e.i,
      'data-tip':e.type+'  '+e.trig+'\n'+(e.v||'')+(e.coarse?' (whole period)':'')+(e.approx?' (approximate or from context)':'')+(DATA.multi?'\n'+e.doc:'')},svg);
    var fill=e.c;
    if(e.coarse){if(!pats[e.c]){var pid='h'+Object.keys(pats).length,pt=el('pattern',{id:pid,width:6,height:6,patternUnits:'userSpaceOnUse',patternTransform:'rotate(45)'},defs);
      el('rect',{width:6,height:6,fill:e.c,'fill-opacity':.15},pt);el('rect',{width:3,height:6,fill:e.c,'fill-opacity':.8},pt);pats[e.c]=pid;}fill='url(#'+pats[e.c]+')';}
    var rect=el('rect',{x:it.x0,y:y,width:Math.max(it.x1-it.x0,2),height:ROW-(ROW>12?6:4),rx:2,fill:fill,stroke:e.approx?'#1d2433':e.c,'stroke-width':1},g);
    if(e.approx){rect.setAttribute('stroke-dasharray','3 2');if(!e.coarse)rect.setAttribute('fill-opacity','.55');}
    if(it.label){var lab=el('text',{x:it.onLeft?it.x0-4:it.x1+4,y:y+ROW-(ROW>12?8:4.5),'font-size':ROW>12?11:10,'text-anchor':it.onLeft?'end':'start'},g);lab.textContent=it.label;}
    g.addEventListener('click',function(){select(e.i,'timeline');});});
  box.appendChild(svg);view={lo:lo,hi:hi,W:W,M:M};
}
function inv(px){return view.lo+(px-view.M)/(view.W-2*view.M)*(view.hi-view.lo);}
function setRange(a,b){$('f-from').value=iso(Math.floor(a));$('f-to').value=iso(Math.max(Math.floor(a),Math.ceil(b)-1));apply();}
(function brush(){var box=$('timeline'),start=null,rect=null;
  box.addEventListener('pointerdown',function(ev){if(!view||ev.button!==0||ev.target.closest('.ev'))return;
    var r=box.getBoundingClientRect();start=ev.clientX-r.left;var svg=box.querySelector('svg');
    rect=el('rect',{'class':'brush',x:start,y:0,width:0,height:svg.getAttribute('height')},svg);box.setPointerCapture(ev.pointerId);});
  box.addEventListener('pointermove',function(ev){if(start===null)return;var r=box.getBoundingClientRect(),cx=ev.clientX-r.left;
    rect.setAttribute('x',Math.min(start,cx));rect.setAttribute('width',Math.abs(cx-start));});
  box.addEventListener('pointerup',function(ev){if(start===null)return;var r=box.getBoundingClientRect(),cx=ev.clientX-r.left,a=start;start=null;
    if(Math.abs(cx-a)<6){if(rect&&rect.parentNode)rect.parentNode.removeChild(rect);return;}setRange(inv(Math.min(a,cx)),inv(Math.max(a,cx)));});
})();
$('z-in').addEventListener('click',function(){if(!view)return;var q=(view.hi-view.lo)/4;setRange(view.lo+q,view.hi-q);});
$('z-out').addEventListener('click',function(){if(!view)return;var w=view.hi-view.lo;setRange(view.lo-w,view.hi+w);});
$('z-fit').addEventListener('click',function(){$('f-from').value='';$('f-to').value='';apply();});
var pending=false;window.addEventListener('resize',function(){if(pending)return;pending=true;
  requestAnimationFrame(function(){pending=false;drawTimeline();});});
readHash();apply();
document.documentElement.setAttribute('data-ready','1');
})();
